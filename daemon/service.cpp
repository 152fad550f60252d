#include "daemon/service.hpp"

#include "audio/input_spec.hpp"

#include "audio/output_error.hpp"
#include "audio/output_spec.hpp"
#include "common/i18n.hpp"
#include "config/config.hpp"
#include "control/server.hpp"
#include "control/socket_path.hpp"
#include "daemon/amplifier.hpp"
#include "daemon/audio_thread.hpp"
#include "daemon/bulletin_catch_up.hpp"
#include "daemon/command_runner.hpp"
#include "daemon/console_thread.hpp"
#include "daemon/control_handler.hpp"
#include "daemon/hub_link.hpp"
#include "daemon/instance_lock.hpp"
#include "daemon/log.hpp"
#include "daemon/scheduler.hpp"
#include "daemon/systemd_notify.hpp"
#include "station/station.hpp"
#include "store/busy.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <vector>

namespace loaxa::daemon {
namespace {

namespace asio = boost::asio;

// Hands the player's events to the event loop.
class PostedEvents final : public PlayerEvents {
 public:
  PostedEvents(asio::io_context& io, std::function<void(const PlayerEvent&)> handler)
      : io_(io), handler_(std::move(handler)) {}
  void on_player_event(const PlayerEvent& event) noexcept override {
    asio::post(io_, [this, event] { handler_(event); });
  }

 private:
  asio::io_context& io_;
  std::function<void(const PlayerEvent&)> handler_;
};

// systemd sets JOURNAL_STREAM to the journal stream's "device:inode"; stderr is that stream
// only if they match (a child started from a service's shell inherits the variable).
bool stderr_is_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  struct stat info {};
  if (stream == nullptr || ::fstat(STDERR_FILENO, &info) != 0) return false;
  unsigned long long device = 0, inode = 0;
  if (std::sscanf(stream, "%llu:%llu", &device, &inode) != 2) return false;
  return device == static_cast<unsigned long long>(info.st_dev) &&
         inode == static_cast<unsigned long long>(info.st_ino);
}

std::string output_problem(const audio::OutputError& e) {
  switch (e.kind()) {
    case audio::OutputError::Kind::bad_spec:
      return trf(
          "the output '{}' is not understood ({}): use null, portaudio, portaudio:DEVICE, jack, jack:PORTS or "
          "file:PATH",
          e.target(), e.detail());
    case audio::OutputError::Kind::not_built:
      return trf("the output '{}' is not part of this build: use null or file:PATH", e.target());
    default:
      return trf("the output '{}' cannot be used: {}", e.target(), e.detail());
  }
}

// What the district's bulletins do to the daemon (docs/MANDATES.md): new or removed airings
// re-plan as `loaxa reload` does; an emergency one airs at once as `loaxa emergency` does.
sync::MandateHooks district_bulletins(ControlHandler& handler) {
  sync::MandateHooks hooks;
  hooks.schedule_changed = [&handler] { handler.reload(); };
  hooks.air_at_once = [&handler](std::int64_t mandate_id, std::int64_t segment_id) {
    const auto error = handler.mandate_emergency(segment_id, mandate_id);
    return error ? error->detail : std::string();
  };
  return hooks;
}

}  // namespace

int check_output(const ServiceOptions& options, std::ostream& out, std::ostream& err) {
  audio::OutputSpec spec;
  try {
    station::Station station(resolve_home(options.home));
    spec = audio::parse_output_spec(options.output.value_or(station.config().audio_output));
    const audio::OutputFormat format;
    auto output = audio::make_output(spec);
    output->open(format);
    const std::vector<float> silence(static_cast<std::size_t>(format.sample_rate / 4 * format.channels), 0.0f);
    output->write(silence);
    output->drain();
    output->close();
  } catch (const audio::OutputError& e) {
    err << output_problem(e) << '\n';
    return 1;
  } catch (const std::exception& e) {
    err << e.what() << '\n';
    return 1;
  }
  out << trf("the output {} works", to_string(spec)) << '\n';
  return 0;
}

int run_service(const ServiceOptions& options, std::ostream& err) {
  const Home home = resolve_home(options.home);
  station::Station station(home);
  audio::OutputSpec spec;
  std::unique_ptr<InstanceLock> lock;
  try {
    const Config& config = station.config();
    station.db();  // creates the home if it is new
    lock = std::make_unique<InstanceLock>(home.root);
    spec = audio::parse_output_spec(options.output.value_or(config.audio_output));
  } catch (const InstanceLockError& e) {
    if (e.kind == InstanceLockError::Kind::held) {
      err << trf("loaxad is already running for the station in {}; this one stops.", home.root.string()) << '\n';
    } else {
      err << trf("Cannot open {}: {}", e.file.string(), std::strerror(e.error_number)) << '\n';
    }
    return 1;
  } catch (const audio::OutputError& e) {
    err << output_problem(e) << '\n';
    return 1;
  } catch (const std::exception& e) {
    err << e.what() << '\n';
    return 1;
  }

  const Config& config = station.config();
  const Clock& clock = station.clock();
  Log log(clock, err, std::chrono::minutes(1), stderr_is_journal());
  std::unique_ptr<audio::Output> output;
  try {
    output = audio::make_output(spec);
  } catch (const audio::OutputError& e) {
    err << output_problem(e) << '\n';
    return 1;
  }
  log.write("daemon", trf("station {} in {}, playing to {}", config.station_id, home.root.string(), to_string(spec)));
  if (spec.kind == audio::OutputSpec::Kind::null) {
    log.warn("daemon", tr("the output is null: nothing is heard; set [audio] output in loaxa.toml or --output"));
  }

  SchedulerOptions scheduler_options;
  scheduler_options.amp_lead = std::chrono::seconds(config.amp_lead_seconds);
  scheduler_options.amp_tail = std::chrono::seconds(config.amp_tail_seconds);
  scheduler_options.max_wait = std::chrono::minutes(config.max_wait_minutes);
  const audio::OutputFormat format = scheduler_options.format;
  // A file takes frames faster than real time: decode in step with it. A paced output gets a
  // decoder thread per item, two seconds ahead.
  StreamFactory streams = spec.kind == audio::OutputSpec::Kind::file
                              ? direct_streams()
                              : read_ahead_streams(static_cast<std::size_t>(format.sample_rate) * 2);

  // Relays and the monitor line capture inputs named in loaxa.toml; a spec the config check
  // let through but the audio layer refuses stops the daemon here, not at the first relay.
  RelayFactory relays;
  std::unique_ptr<Monitor> monitor;
  try {
    relays = relays_from(RelaySettings{config.relay_inputs,
                                       audio::GainRule{config.loudness_target_lufs, config.true_peak_ceiling_dbtp},
                                       config.silence_threshold_dbfs});
    if (!config.monitor_input.empty()) {
      monitor = std::make_unique<Monitor>(
          audio::make_input(audio::parse_input_spec(config.monitor_input), "loaxa-monitor"), format.sample_rate);
      log.write("daemon", trf("monitor line: {} (each play is checked as heard)", config.monitor_input));
    }
  } catch (const audio::InputError& e) {
    err << trf("loaxa.toml: input {}: {}", e.target(), e.detail()) << '\n';
    return 1;
  }

  asio::io_context io;
  asio::steady_timer timer(io);
  asio::signal_set signals(io, SIGINT, SIGTERM);
  asio::steady_timer watchdog(io);
  ProcessRunner runner;
  Amplifier amplifier(make_amplifier_switch(config, runner, log));

  Scheduler* scheduler_ptr = nullptr;
  std::function<void()> arm;
  bool stopping = false;
  std::optional<Instant> retry_at;
  std::unique_ptr<HubLink> hub;

  PostedEvents events(io, [&](const PlayerEvent& event) {
    if (stopping || scheduler_ptr == nullptr) return;
    scheduler_ptr->on_event(event);
    arm();
  });
  AudioThread audio_thread(*output, format, events);
  Scheduler scheduler(station, audio_thread, audio::steady_pacer(), streams, amplifier, log, scheduler_options);
  scheduler_ptr = &scheduler;
  scheduler.set_relays(relays);
  scheduler.set_monitor(monitor.get());

  // District bulletins' airings that did not air are planned again (after the scheduler has
  // logged what it missed).
  BulletinCatchUp bulletins(station, log, [&] {
    scheduler.request_replan();
    if (hub) hub->replanned();
  });

  auto tick = [&] {
    try {
      retry_at.reset();
      scheduler.on_time();
      bulletins.on_time(clock.now());
      // Rows may have been finalised: the sync looks a second later (cheap when none were).
      if (hub) hub->nudge();
    } catch (const store::BusyError&) {
      log.warn("daemon", tr("the station's database is busy; trying again in a second"));
      retry_at = clock.now() + std::chrono::seconds(1);
    } catch (const std::exception& e) {
      log.error("daemon", trf("error: {}; trying again in a second", e.what()));
      retry_at = clock.now() + std::chrono::seconds(1);
    }
    arm();
  };
  arm = [&] {
    if (stopping) return;
    Instant deadline = scheduler.next_deadline();
    if (retry_at) deadline = std::max(deadline, *retry_at);
    // Deadlines are wall-clock instants, re-read at every wake: a clock step moves them.
    const auto wait = std::clamp<std::chrono::milliseconds>(deadline - clock.now(), std::chrono::milliseconds(0),
                                                            std::chrono::seconds(30));
    timer.expires_after(wait);
    timer.async_wait([&](const boost::system::error_code& ec) {
      if (!ec) tick();
    });
  };
  ControlHandler handler(
      scheduler, amplifier, log, clock, to_string(spec), home.root.string(), [&] { arm(); },
      [&] {
        if (hub) hub->replanned();
      });
  handler.set_monitor(monitor.get());
  std::unique_ptr<control::Server> server;
  try {
    server = std::make_unique<control::Server>(io, control::socket_path(home), handler);
  } catch (const control::ServerError& e) {
    err << trf("Cannot listen on {}: {}", e.path().string(), e.what()) << '\n';
    return 1;
  }
  // The operator's web page, on a thread of its own (console_thread.hpp).
  std::unique_ptr<ConsoleThread> console;
  if (config.console.enabled) console = std::make_unique<ConsoleThread>(io, handler, log, home, config.console);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log.write("daemon", trf("signal {} received: stopping", signal == SIGTERM ? "SIGTERM" : "SIGINT"));
    notify_stopping();
    server->close();  // no request is handled once stopping
    if (console) console->stop();
    stopping = true;
    timer.cancel();
    watchdog.cancel();
    if (hub) hub->stop();
    try {
      scheduler.shutdown();
    } catch (const std::exception& e) {
      log.error("daemon", trf("error while stopping: {}", e.what()));
    }
  });

  try {
    scheduler.start();
  } catch (const std::exception& e) {
    err << e.what() << '\n';
    scheduler.shutdown();
    return 1;
  }
  // The first tick at once, not at the first deadline (which may be 30 s away): the district
  // bulletins are caught up before anything else is waited for.
  tick();
  const auto started = std::chrono::steady_clock::now();
  hub = HubLink::make(
      io, station, log,
      [&] {
        sync::HeartbeatFacts facts;
        facts.version = LOAXA_VERSION;
        facts.uptime = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started);
        facts.device = to_string(spec);
        if (const auto& next = scheduler.next_occurrence()) facts.next_occurrence = next->start;
        return facts;
      },
      district_bulletins(handler));
  if (hub) hub->start();
  // The watchdog is pinged from the loop itself: if the loop is stuck, systemd restarts us.
  std::function<void()> ping;
  const auto ping_every = watchdog_ping_interval();
  ping = [&] {
    notify_watchdog();
    watchdog.expires_after(*ping_every);
    watchdog.async_wait([&](const boost::system::error_code& ec) {
      if (!ec && !stopping) ping();
    });
  };
  if (ping_every) ping();
  notify_ready();
  io.run();
  log.write("daemon", tr("stopped"));
  return 0;
}

}  // namespace loaxa::daemon
