#include "daemon/control_handler.hpp"

namespace loaxa::daemon {

ControlHandler::ControlHandler(Scheduler& scheduler, const Amplifier& amplifier, const Clock& clock, std::string output,
                               std::string home, std::function<void()> rearm)
    : scheduler_(scheduler),
      amplifier_(amplifier),
      clock_(clock),
      output_(std::move(output)),
      home_(std::move(home)),
      rearm_(std::move(rearm)) {}

control::DaemonStatus ControlHandler::status() {
  control::DaemonStatus status;
  status.output_device = output_;
  status.home = home_;
  status.version = LOAXA_VERSION;
  status.uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
  status.amplifier = amplifier_.is_on() ? control::AmplifierState::on : control::AmplifierState::off;
  if (const auto on_air = scheduler_.on_air()) {
    control::NowAiring now;
    now.programme = on_air->programme;
    now.item =
        on_air->segment_id ? "segment " + std::to_string(*on_air->segment_id) + ": " + on_air->item : on_air->item;
    now.position = std::max(std::chrono::milliseconds(0), clock_.now() - on_air->since);
    now.since = std::chrono::floor<std::chrono::seconds>(on_air->since);
    status.now_airing = now;
  }
  if (const auto& next = scheduler_.next_occurrence()) {
    status.next = control::NextOccurrence{next->programme_name, next->slot_id,
                                          std::chrono::floor<std::chrono::seconds>(next->start)};
  }
  return status;
}

std::optional<control::Error> ControlHandler::play(std::int64_t) {
  return control::Error{control::ErrorKind::refused, "this loaxad cannot play a segment on demand yet"};
}

std::optional<control::Error> ControlHandler::stop() {
  return control::Error{control::ErrorKind::refused, "this loaxad cannot stop the programme on air yet"};
}

std::optional<control::Error> ControlHandler::reload() {
  scheduler_.request_replan();
  scheduler_.on_time();
  rearm_();
  return std::nullopt;
}

}  // namespace loaxa::daemon
