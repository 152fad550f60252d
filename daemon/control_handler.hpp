#pragma once
// loaxad's answers on its control socket (docs/CONTROL.md): `status` from the scheduler and
// the amplifier, `play` airs a segment now and `stop` ends what is on air (the scheduler's
// rules), `reload` re-plans at once, `emergency` and `priority` air bulletins by level. A refusal carries its reason
// code for the CLI to word.
//
// Thread safety: the event-loop thread, as control::Handler says.

#include "control/protocol.hpp"
#include "daemon/amplifier.hpp"
#include "daemon/log.hpp"
#include "daemon/scheduler.hpp"

#include <chrono>
#include "daemon/monitor.hpp"

#include <functional>
#include <string>

namespace loaxa::daemon {

class ControlHandler final : public control::Handler {
 public:
  // `rearm`: called after a change of plan, so the loop waits for the new next deadline;
  // `reloaded`: after the operator's reload (the hub is sent the new plan).
  ControlHandler(Scheduler& scheduler, const Amplifier& amplifier, const Log& log, const Clock& clock,
                 std::string output, std::string home, std::function<void()> rearm,
                 std::function<void()> reloaded = {});

  // The monitor line, when one is wired (status shows it). It must outlive the handler.
  void set_monitor(const Monitor* monitor) { monitor_ = monitor; }

  control::DaemonStatus status() override;
  std::optional<control::Error> play(std::int64_t segment) override;
  std::optional<control::Error> stop() override;
  std::optional<control::Error> reload() override;
  std::optional<control::Error> emergency(std::int64_t segment, int repeat, const std::string& asked_by) override;
  // The district's emergency bulletin (docs/MANDATES.md), aired as `loaxa emergency` airs one,
  // its play carrying the mandate id.
  std::optional<control::Error> mandate_emergency(std::int64_t segment, std::int64_t mandate_id);
  std::optional<control::Error> priority(std::int64_t segment, const std::string& asked_by) override;

 private:
  // Asks the scheduler to air `segment` (`ask`), its refusals as control errors.
  std::optional<control::Error> airing(std::int64_t segment, const std::function<void()>& ask);

  Scheduler& scheduler_;
  const Amplifier& amplifier_;
  const Log& log_;
  const Clock& clock_;
  std::string output_;
  std::string home_;
  std::function<void()> rearm_;
  std::function<void()> reloaded_;
  const Monitor* monitor_ = nullptr;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace loaxa::daemon
