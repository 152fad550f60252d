#include "sync/syncer.hpp"

#include "common/i18n.hpp"
#include "station/timeline.hpp"
#include "store/busy.hpp"
#include "store/hub_sync_store.hpp"
#include "store/play_store.hpp"
#include "store/utc_text.hpp"
#include "wire/plan_json.hpp"
#include "wire/play_json.hpp"
#include "wire/signing.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>

namespace loaxa::sync {
namespace {

namespace asio = boost::asio;
using json = nlohmann::json;
using std::chrono::milliseconds;

std::string error_kind(const std::string& body) {
  const json j = json::parse(body, nullptr, false);
  if (j.is_object() && j.contains("error") && j["error"].is_object()) {
    return j["error"].value("kind", std::string()) + ": " + j["error"].value("detail", std::string());
  }
  return body.substr(0, 200);
}

std::vector<std::uint8_t> key_of(const HubConfig& config) {
  auto key = wire::from_hex(config.key, 32);
  if (!key) throw std::invalid_argument("the hub key is not 64 hex characters");
  return std::move(*key);
}

}  // namespace

SyncOptions SyncOptions::from(const HubConfig& config) {
  SyncOptions options;
  options.batch_size = static_cast<std::size_t>(config.batch_size);
  options.interval = std::chrono::seconds(config.interval_seconds);
  options.heartbeat = std::chrono::seconds(config.heartbeat_seconds);
  options.mandate_interval = std::chrono::seconds(config.mandate_interval_seconds);
  return options;
}

// Handlers hold it weakly: an answer or a timer that comes after the Syncer is gone finds
// nothing to call.
struct Syncer::State : std::enable_shared_from_this<Syncer::State> {
  State(asio::io_context& io, station::Station& s, HubConfig c, Transport& t, std::function<HeartbeatFacts()> f,
        SyncNote n, SyncOptions o, std::vector<std::uint8_t> k, MandateHooks hooks)
      : timer(io),
        station(s),
        config(std::move(c)),
        transport(t),
        facts(std::move(f)),
        note(std::move(n)),
        options(o),
        sync_store(s.db(), config.url),
        random(std::random_device{}()),
        key(std::move(k)),
        mandates(io, s, config.station_id, key, std::move(hooks), note, o.mandate_interval) {}

  asio::steady_timer timer;
  station::Station& station;
  HubConfig config;
  Transport& transport;
  std::function<HeartbeatFacts()> facts;
  SyncNote note;
  SyncOptions options;
  store::HubSyncStore sync_store;
  std::mt19937_64 random;

  std::vector<std::uint8_t> key;
  MandateFetcher mandates;
  std::string sent_nonce;  // the request in flight's, which the hub's answer signature binds
  std::int64_t acked = 0;
  bool conflict = false;
  bool in_flight = false;
  bool stopped = false;
  bool failing = false;  // the last attempt failed: said once, not at every retry
  milliseconds backoff{0};
  std::chrono::steady_clock::time_point next_heartbeat{};
  std::chrono::steady_clock::time_point next_plan{};
  std::chrono::steady_clock::time_point wake{};

  void schedule(milliseconds after) {
    if (stopped) return;
    wake = std::chrono::steady_clock::now() + after;
    timer.expires_at(wake);
    timer.async_wait([weak = weak_from_this()](const boost::system::error_code& ec) {
      if (ec) return;
      if (const auto self = weak.lock()) self->tick();
    });
  }

  void tick() {
    if (stopped || in_flight) return;
    try {
      if (std::chrono::steady_clock::now() >= next_heartbeat) return send_heartbeat();
      if (std::chrono::steady_clock::now() >= next_plan) return send_plan();
      store::PlayStore plays(station.db());
      if (!conflict && plays.latest_seq() > acked) return send_plays(plays.final_after(acked, options.batch_size));
      if (auto job = mandates.next(std::chrono::steady_clock::now())) return send_job(std::move(*job));
    } catch (const store::BusyError&) {
      return schedule(std::chrono::seconds(1));
    } catch (const AudioRefused& e) {
      note(true, e.what());
      return failed(e.what(), false);  // fetched again on the backoff
    } catch (const std::exception& e) {
      return failed(e.what());
    }
    const auto until_next = std::chrono::duration_cast<milliseconds>(
        std::min({next_heartbeat, next_plan, mandates.next_poll()}) - std::chrono::steady_clock::now());
    schedule(std::max(milliseconds(0), std::min(options.interval, until_next)));
  }

  void send_plays(const std::vector<store::Play>& rows) {
    std::string body = R"({"station_id":)" + json(config.station_id).dump() + R"(,"plays":[)";
    std::size_t taken = 0;
    for (const auto& row : rows) {
      const std::string text = wire::play_to_json(row);
      // The hub refuses a body over its limit (413) whatever it holds, so a batch that does
      // not fit would be refused again at every retry and nothing after it would ever leave:
      // the rest goes in the next request. The first row always goes (one is far under it).
      if (taken > 0 && body.size() + 1 + text.size() + 2 > options.max_body_bytes) break;
      if (taken > 0) body += ',';
      body += text;
      ++taken;
    }
    body += "]}";
    const std::int64_t first = rows.empty() ? acked + 1 : *rows.front().seq;
    const std::int64_t last = taken == 0 ? acked : *rows[taken - 1].seq;
    send("/api/v1/plays", std::move(body), [this, first, last](const HubResponse& response) {
      const json j = json::parse(response.body, nullptr, false);
      const std::int64_t before = acked;
      // An answer that moves nothing would have the same batch sent again at once, forever:
      // it is a failure, retried on the backoff.
      auto go_on = [&](std::int64_t hub_holds) {
        if (hub_holds == before) return failed(fmt::format("the hub acknowledged nothing new (seq {})", hub_holds));
        acknowledged(hub_holds);
        schedule(milliseconds(0));  // more may wait
      };
      if (response.status == 200 && j.is_object() && j.contains("acked_seq") && j["acked_seq"].is_number_integer()) {
        return go_on(j["acked_seq"].get<std::int64_t>());
      }
      if (response.status == 409 && j.is_object() && j.contains("expected_seq") &&
          j["expected_seq"].is_number_integer()) {
        // The hub holds less (or more) than we thought: go on from where it is.
        return go_on(std::max<std::int64_t>(0, j["expected_seq"].get<std::int64_t>() - 1));
      }
      if (response.status == 409) {
        conflict = true;
        const std::string what = fmt::format("the hub refused plays {}–{} as conflicting with what it holds ({})",
                                             first, last, error_kind(response.body));
        try {
          sync_store.conflicted(what, station.clock().now());
        } catch (const std::exception&) {
          // Said in the log below; the next conflict records it.
        }
        note(true, trf("the hub refused the as-run log as conflicting with what it holds ({}); plays are no "
                       "longer sent until someone looks (loaxa-hub station show on the hub)",
                       error_kind(response.body)));
        return schedule(options.interval);
      }
      failed(fmt::format("the hub answered {} ({})", response.status, error_kind(response.body)));
    });
  }

  void send_job(MandateFetcher::Job job) {
    send(std::move(job.path), std::move(job.body), [this, on_answer = std::move(job.on_answer)](const HubResponse& r) {
      on_answer(r, sent_nonce);
      answered();
      schedule(milliseconds(0));  // the next piece, or what else is due
    });
  }

  void send_heartbeat() {
    const HeartbeatFacts f = facts();
    std::int64_t depth = 0;
    try {
      depth = std::max<std::int64_t>(0, store::PlayStore(station.db()).latest_seq() - acked);
    } catch (const std::exception&) {
      depth = 0;  // the heartbeat goes anyway; the next one says more
    }
    const json body = {
        {"station_id", config.station_id},
        {"version", f.version},
        {"uptime_s", f.uptime.count()},
        {"device", f.device},
        {"next_occurrence", f.next_occurrence ? json(store::utc_text(*f.next_occurrence)) : json(nullptr)},
        {"clock_utc", store::utc_text(station.clock().now())},
        {"outbox_depth", depth}};
    send("/api/v1/heartbeat", body.dump(), [this](const HubResponse& response) {
      const json j = json::parse(response.body, nullptr, false);
      if (response.status == 200 && j.is_object() && j.contains("acked_seq") && j["acked_seq"].is_number_integer()) {
        next_heartbeat = std::chrono::steady_clock::now() + options.heartbeat;
        acknowledged(j["acked_seq"].get<std::int64_t>());
        return schedule(milliseconds(0));
      }
      failed(fmt::format("the hub answered the heartbeat with {} ({})", response.status, error_kind(response.body)));
    });
  }

  void send_plan() {
    const Instant now = station.clock().now();
    std::string body;
    try {
      // The coming week; a plan too big for one request (hundreds of items a day) covers less.
      for (auto horizon = options.plan_horizon;; horizon /= 2) {
        body = wire::plan_to_json(config.station_id, station::planned_plays(station, now, now + horizon));
        if (body.size() <= options.max_body_bytes || horizon <= std::chrono::hours(1)) break;
      }
    } catch (const store::BusyError&) {
      throw;  // tick() tries again in a second
    } catch (const std::exception& e) {
      next_plan = std::chrono::steady_clock::now() + options.plan_every;
      note(true, trf("the plan for the hub cannot be made: {}", e.what()));
      return schedule(milliseconds(0));
    }
    send("/api/v1/plan", std::move(body), [this](const HubResponse& response) {
      if (response.status == 200) {
        next_plan = std::chrono::steady_clock::now() + options.plan_every;
        answered();
        return schedule(milliseconds(0));
      }
      failed(fmt::format("the hub answered the plan with {} ({})", response.status, error_kind(response.body)));
    });
  }

  void send(std::string path, std::string body, std::function<void(const HubResponse&)> on_answer) {
    const auto now = station.clock().now();
    const std::string timestamp =
        std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
    const std::string nonce = wire::to_hex(wire::random_bytes(16));
    sent_nonce = nonce;
    HubRequest request;
    request.headers = {{"X-Loaxa-Station", config.station_id},
                       {"X-Loaxa-Timestamp", timestamp},
                       {"X-Loaxa-Nonce", nonce},
                       {"X-Loaxa-Signature", wire::sign_request(key, "POST", path, timestamp, nonce, body)}};
    request.path = std::move(path);
    request.body = std::move(body);
    in_flight = true;
    transport.post(std::move(request), [weak = weak_from_this(), on_answer = std::move(on_answer)](
                                           std::optional<HubResponse> response, std::string error) {
      const auto self = weak.lock();
      if (!self) return;
      self->in_flight = false;
      if (self->stopped) return;
      try {
        if (!response) return self->failed(error);
        on_answer(*response);
      } catch (const AudioRefused& e) {
        self->note(true, e.what());
        self->failed(e.what(), false);
      } catch (const std::exception& e) {
        self->failed(e.what());
      }
    });
  }

  // The hub answered as it should: the backoff and the trouble are over.
  void answered() {
    backoff = milliseconds(0);
    if (failing) note(false, tr("the hub answers again"));
    failing = false;
  }

  void acknowledged(std::int64_t seq) {
    acked = seq;
    answered();
    try {
      sync_store.acknowledged(seq, station.clock().now());
    } catch (const std::exception&) {
      // Kept in memory; written at the next answer. A restart before it resends rows the
      // hub then acknowledges as duplicates.
    }
  }

  // Tries again after the backoff; `say`: the first failure in a row is logged as trouble
  // reaching the hub (false: the caller said what it was).
  void failed(const std::string& why, bool say = true) {
    backoff = std::clamp(backoff * 2, options.backoff_min, options.backoff_max);
    // Jitter (±25 %): stations that lost the same network do not come back in step.
    std::uniform_real_distribution<double> spread(0.75, 1.25);
    const auto wait = milliseconds(static_cast<std::int64_t>(static_cast<double>(backoff.count()) * spread(random)));
    if (!failing && say) note(true, trf("cannot reach the hub: {}; trying again, less often while it lasts", why));
    failing = true;
    try {
      sync_store.failed(why, station.clock().now());
    } catch (const std::exception&) {
      // The log has it.
    }
    schedule(wait);
  }
};

Syncer::Syncer(asio::io_context& io, station::Station& station, HubConfig config, Transport& transport,
               std::function<HeartbeatFacts()> facts, SyncNote note, SyncOptions options, MandateHooks hooks)
    : state_(std::make_shared<State>(io, station, config, transport, std::move(facts), std::move(note), options,
                                     key_of(config), std::move(hooks))) {
  state_->mandates.on_progress([weak = std::weak_ptr<State>(state_)] {
    const auto self = weak.lock();
    if (self && !self->in_flight && !self->failing) self->schedule(milliseconds(0));
  });
}

Syncer::~Syncer() {
  stop();
}

void Syncer::start() {
  const store::HubSyncState saved = state_->sync_store.load();
  state_->acked = saved.acked_seq;
  // A conflict is tried again once per start: someone may have set it right on the hub.
  state_->conflict = false;
  state_->next_heartbeat = std::chrono::steady_clock::now();
  state_->next_plan = std::chrono::steady_clock::now();
  state_->schedule(milliseconds(0));
}

void Syncer::nudge() {
  State& s = *state_;
  if (s.stopped || s.in_flight || s.failing) return;  // a failing hub is retried on its backoff
  if (s.wake > std::chrono::steady_clock::now() + s.options.nudge_delay) s.schedule(s.options.nudge_delay);
}

void Syncer::replanned() {
  State& s = *state_;
  if (s.stopped) return;
  s.next_plan = std::chrono::steady_clock::now() + s.options.nudge_delay;
  if (!s.in_flight && !s.failing && s.wake > s.next_plan) s.schedule(s.options.nudge_delay);
}

void Syncer::stop() {
  if (state_->stopped) return;
  state_->stopped = true;
  state_->timer.cancel();
  state_->transport.cancel();
}

}  // namespace loaxa::sync
