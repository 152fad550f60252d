#include "daemon/console_thread.hpp"

#include "common/i18n.hpp"
#include "console/console.hpp"
#include "console/live_events.hpp"
#include "station/station.hpp"
#include "web/server.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

namespace loaxa::daemon {

namespace asio = boost::asio;
using Guard = asio::executor_work_guard<asio::io_context::executor_type>;

struct ConsoleThread::State {
  State(asio::io_context& l, control::Handler& h, Log& lg, const Home& hm, const ConsoleConfig& s)
      : loop(l), handler(h), log(lg), home(hm), settings(s) {}

  // Writes to loaxad's log, which belongs to the event loop.
  void say(LogLevel level, std::string text) {
    asio::post(loop, [this, level, text = std::move(text)] { log.write(level, "console", text); });
  }

  asio::io_context& loop;
  control::Handler& handler;
  Log& log;
  Home home;
  ConsoleConfig settings;
  std::atomic<bool> stopping{false};
  mutable std::mutex mutex;
  std::string url;           // under mutex
  asio::io_context io;       // the console thread's
  asio::io_context work_io;  // the worker's
  std::optional<Guard> io_guard;
  std::optional<Guard> work_guard;
  std::thread thread;
  std::thread worker;
};

namespace {

constexpr auto kDaemonAnswerLimit = std::chrono::seconds(5);

// control::Handler for the pages: each call runs on loaxad's event loop, where the scheduler
// lives, and the console thread waits for its answer — a few milliseconds, since the loop
// never blocks for long; never past kDaemonAnswerLimit, nor once the daemon is stopping.
class PostedHandler final : public control::Handler {
 public:
  explicit PostedHandler(ConsoleThread::State& state) : state_(state) {}

  control::DaemonStatus status() override {
    return call([this] { return state_.handler.status(); });
  }
  std::optional<control::Error> play(std::int64_t segment) override {
    return call([this, segment] { return state_.handler.play(segment); });
  }
  std::optional<control::Error> stop() override {
    return call([this] { return state_.handler.stop(); });
  }
  std::optional<control::Error> reload() override {
    return call([this] { return state_.handler.reload(); });
  }
  std::optional<control::Error> emergency(std::int64_t segment, int repeat, const std::string& asked_by) override {
    return call([this, segment, repeat, asked_by] { return state_.handler.emergency(segment, repeat, asked_by); });
  }
  std::optional<control::Error> priority(std::int64_t segment, const std::string& asked_by) override {
    return call([this, segment, asked_by] { return state_.handler.priority(segment, asked_by); });
  }

 private:
  template <class Call>
  auto call(Call work) -> decltype(work()) {
    using Result = decltype(work());
    if (state_.stopping) throw std::runtime_error(tr("loaxad is stopping"));
    auto promise = std::make_shared<std::promise<Result>>();
    auto future = promise->get_future();
    asio::post(state_.loop, [promise, work = std::move(work)] {
      try {
        promise->set_value(work());
      } catch (...) {
        promise->set_exception(std::current_exception());
      }
    });
    const auto deadline = std::chrono::steady_clock::now() + kDaemonAnswerLimit;
    while (future.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
      if (state_.stopping) throw std::runtime_error(tr("loaxad is stopping"));
      if (std::chrono::steady_clock::now() > deadline) {
        throw std::runtime_error(trf("loaxad did not answer within {} seconds", kDaemonAnswerLimit.count()));
      }
    }
    return future.get();
  }

  ConsoleThread::State& state_;
};

std::string url_of(const web::Server& server, const std::string& listen) {
  auto host = listen.substr(0, listen.rfind(':'));
  if (host == "0.0.0.0" || host == "[::]") host = "127.0.0.1";
  return (server.tls() ? "https://" : "http://") + host + ":" + std::to_string(server.port());
}

void run_console(ConsoleThread::State& state) {
  try {
    station::Station station(state.home);
    PostedHandler daemon(state);
    web::Server* server = nullptr;
    console::Context context{station,
                             state.home,
                             daemon,
                             [&state](std::function<void()> work, std::function<void()> then) {
                               asio::post(state.work_io,
                                          [&state, work = std::move(work), then = std::move(then)]() mutable {
                                            try {
                                              work();
                                            } catch (const std::exception& e) {
                                              state.say(LogLevel::error, trf("console: {}", e.what()));
                                            }
                                            asio::post(state.io, std::move(then));
                                          });
                             },
                             [&server](const std::string& event, const std::string& json) {
                               if (server != nullptr) server->publish(event, json);
                             },
                             static_cast<std::size_t>(state.settings.max_upload_mb) * 1024 * 1024};
    console::Console pages(context, station.clock());
    web::ServerOptions options;
    options.listen = state.settings.listen;
    if (!state.settings.tls_cert.empty()) options.tls_cert = state.settings.tls_cert;
    if (!state.settings.tls_key.empty()) options.tls_key = state.settings.tls_key;
    options.allow_plain = state.settings.allow_plain;
    options.name = "loaxad";
    options.handler = [&pages](web::WebRequest request, std::function<void(web::WebResponse)> answer) {
      pages.handle(std::move(request), std::move(answer));
    };
    options.body_limit = [&pages](std::string_view method, std::string_view target) {
      return pages.body_limit(method, target);
    };
    web::Server listening(state.io, options);
    server = &listening;
    {
      const std::lock_guard lock(state.mutex);
      state.url = url_of(listening, state.settings.listen);
      state.say(LogLevel::info, trf("the console is at {}", state.url));
    }
    // Live updates once a second: what airs, and the log's new rows.
    console::LiveEvents live(station, daemon, context.publish);
    asio::steady_timer ticker(state.io);
    std::function<void()> tick = [&] {
      ticker.expires_after(std::chrono::seconds(1));
      ticker.async_wait([&](const boost::system::error_code& ec) {
        if (ec || state.stopping) return;
        live.tick();
        tick();
      });
    };
    tick();
    state.io.run();
    listening.close();
    server = nullptr;
  } catch (const web::ServerError& e) {
    state.say(LogLevel::warning, trf("the console cannot start, loaxad plays on without it: {}", e.what()));
  } catch (const std::exception& e) {
    state.say(LogLevel::error, trf("the console stopped, loaxad plays on without it: {}", e.what()));
  }
}

}  // namespace

ConsoleThread::ConsoleThread(asio::io_context& loop, control::Handler& handler, Log& log, const Home& home,
                             const ConsoleConfig& settings)
    : state_(std::make_shared<State>(loop, handler, log, home, settings)) {
  State& state = *state_;
  state.io_guard.emplace(state.io.get_executor());
  state.work_guard.emplace(state.work_io.get_executor());
  state.worker = std::thread([&state] { state.work_io.run(); });
  state.thread = std::thread([&state] { run_console(state); });
}

ConsoleThread::~ConsoleThread() {
  stop();
}

std::string ConsoleThread::url() const {
  const std::lock_guard lock(state_->mutex);
  return state_->url;
}

void ConsoleThread::stop() noexcept {
  State& state = *state_;
  if (state.stopping.exchange(true)) return;
  // The worker first: an import it is running finishes (a few seconds at most) and its answer
  // is dropped; then the console thread, whose calls to the daemon are refused from now on.
  state.work_guard.reset();
  state.work_io.stop();
  if (state.worker.joinable()) state.worker.join();
  state.io_guard.reset();
  state.io.stop();
  if (state.thread.joinable()) state.thread.join();
}

}  // namespace loaxa::daemon
