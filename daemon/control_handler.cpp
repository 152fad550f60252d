#include "daemon/control_handler.hpp"

#include "audio/analysis.hpp"
#include "station/error.hpp"

#include <fmt/format.h>

namespace loaxa::daemon {

ControlHandler::ControlHandler(Scheduler& scheduler, const Amplifier& amplifier, const Log& log, const Clock& clock,
                               std::string output, std::string home, std::function<void()> rearm,
                               std::function<void()> reloaded)
    : scheduler_(scheduler),
      amplifier_(amplifier),
      log_(log),
      clock_(clock),
      output_(std::move(output)),
      home_(std::move(home)),
      rearm_(std::move(rearm)),
      reloaded_(std::move(reloaded)) {}

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
    now.level = store::to_string(on_air->level);
    status.now_airing = now;
  }
  if (const auto& trouble = scheduler_.device_trouble()) {
    status.device_trouble =
        control::DeviceTrouble{std::chrono::floor<std::chrono::seconds>(trouble->since), trouble->detail};
  }
  if (const auto& problem = log_.last_problem()) {
    // The line as logged (in the daemon's language; the journal has it too), with when.
    status.last_error =
        fmt::format("{} [{}] {}", control::format_utc(std::chrono::floor<std::chrono::seconds>(problem->at)),
                    problem->domain, problem->text);
  }
  status.priority_waiting = scheduler_.priority_waiting();
  if (monitor_ != nullptr) {
    control::MonitorStatus monitor;
    monitor.input = monitor_->target();
    monitor.trouble = monitor_->trouble();
    if (const auto& unheard = scheduler_.last_unheard()) {
      monitor.last_unheard =
          control::MonitorStatus::Unheard{std::chrono::floor<std::chrono::seconds>(unheard->at), unheard->title,
                                          unheard->heard_pct, unheard->monitor_silent};
    }
    status.monitor = std::move(monitor);
  }
  if (const auto& next = scheduler_.next_occurrence()) {
    status.next = control::NextOccurrence{next->programme_name, next->slot_id,
                                          std::chrono::floor<std::chrono::seconds>(next->start)};
  }
  return status;
}

std::optional<control::Error> ControlHandler::play(std::int64_t segment) {
  return airing(segment, [&] { scheduler_.play_now(segment); });
}

std::optional<control::Error> ControlHandler::emergency(std::int64_t segment, int repeat, const std::string& asked_by) {
  return airing(segment, [&] { scheduler_.emergency(segment, repeat, asked_by); });
}

std::optional<control::Error> ControlHandler::mandate_emergency(std::int64_t segment, std::int64_t mandate_id) {
  return airing(segment,
                [&] { scheduler_.emergency(segment, 1, fmt::format("district #{}", mandate_id), mandate_id); });
}

std::optional<control::Error> ControlHandler::priority(std::int64_t segment, const std::string& asked_by) {
  return airing(segment, [&] { scheduler_.prioritise(segment, asked_by); });
}

std::optional<control::Error> ControlHandler::airing(std::int64_t segment, const std::function<void()>& ask) {
  using control::ErrorKind;
  try {
    ask();
  } catch (const ManualPlayRefused& e) {
    return control::Error{ErrorKind::refused, e.what(), to_string(e.reason), e.subject};
  } catch (const station::StationError& e) {
    if (e.kind == station::StationError::Kind::no_such_segment) {
      return control::Error{
          ErrorKind::not_found, fmt::format("there is no segment {}", segment), "no_such_segment", {}};
    }
    if (e.kind == station::StationError::Kind::segment_not_airable) {
      return control::Error{ErrorKind::refused, fmt::format("segment {} cannot air today: {}", segment, e.detail),
                            e.detail, e.name};
    }
    throw;
  } catch (const audio::DecodeError& e) {
    return control::Error{
        ErrorKind::failed, fmt::format("segment {} cannot be played: {}", segment, e.detail()), "file_unreadable", {}};
  }
  rearm_();
  return std::nullopt;
}

std::optional<control::Error> ControlHandler::stop() {
  if (!scheduler_.stop_on_air()) {
    return control::Error{control::ErrorKind::refused, "nothing is on air", "nothing_on_air", {}};
  }
  rearm_();
  return std::nullopt;
}

std::optional<control::Error> ControlHandler::reload() {
  scheduler_.request_replan();
  scheduler_.on_time();
  rearm_();
  if (reloaded_) reloaded_();
  return std::nullopt;
}

}  // namespace loaxa::daemon
