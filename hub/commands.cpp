#include "hub/commands.hpp"

#include "common/i18n.hpp"
#include "common/text_width.hpp"
#include "hub/api.hpp"
#include "hub/command_support.hpp"
#include "hub/dashboard.hpp"
#include "hub/hub_home.hpp"
#include "hub/key_vault.hpp"
#include "hub/report.hpp"
#include "hub/server.hpp"
#include "hub/sqlite_account_store.hpp"
#include "hub/sqlite_hub_store.hpp"
#include "hub/sqlite_month_close_store.hpp"
#include "hub/wal_checkpointer.hpp"
#include "schedules/time_zone.hpp"
#include "store/utc_text.hpp"
#include "wire/signing.hpp"

#include <fmt/format.h>
#include <systemd/sd-daemon.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::hub::cli {

// Protocol v1's shared parts (signing, the play's JSON), as the station uses them.
using namespace loaxa::wire;
namespace {

using nlohmann::json;

// A station ID: what the station's loaxa.toml calls [station] id — lowercase letters,
// digits, '-', '_' and '.', starting with a letter or digit, at most 64 characters.
bool valid_station_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) return false;
  }
  return true;
}

KeyVault open_vault(const HubHome& home) {
  try {
    auto vault = KeyVault::open(home.master_key());
    match_home_owner(home);
    return vault;
  } catch (const std::exception& e) {
    throw std::runtime_error(trf("Cannot use the hub's master key {}: {}", home.master_key().string(), e.what()));
  }
}

// For people: dd/mm/yyyy HH:MM in Vietnam's zone (JSON keeps UTC text).
std::string when(const std::optional<Instant>& at) {
  static const schedules::TimeZone zone(schedules::TimeZone::default_name);
  return at ? display_time(*at, zone) : std::string(tr("never"));
}

json station_json(const Station& s) {
  json out = {{"station_id", s.id},
              {"name", s.name},
              {"group", s.group.empty() ? json(nullptr) : json(s.group)},
              {"enabled", s.enabled},
              {"created_at", store::utc_text(s.created_at)},
              {"acked_seq", s.acked_seq},
              {"last_contact", s.last_contact ? json(store::utc_text(*s.last_contact)) : json(nullptr)},
              {"flags", s.flags},
              {"flag", nullptr},
              {"heartbeat", nullptr}};
  if (s.flag) {
    out["flag"] = {
        {"kind", s.flag->kind}, {"seq", s.flag->seq}, {"detail", s.flag->detail}, {"at", store::utc_text(s.flag->at)}};
  }
  if (s.heartbeat) {
    const auto& h = *s.heartbeat;
    out["heartbeat"] = {
        {"version", h.version},
        {"uptime_s", h.uptime_s},
        {"device", h.device},
        {"next_occurrence", h.next_occurrence ? json(store::utc_text(*h.next_occurrence)) : json(nullptr)},
        {"clock_utc", store::utc_text(h.clock_utc)},
        {"clock_offset_ms", h.clock_offset().count()},
        {"outbox_depth", h.outbox_depth},
        {"received_at", store::utc_text(h.received_at)}};
  }
  return out;
}

void print_key(const Station& station, const std::string& key_hex, const StationAddOptions& where, bool json_out) {
  if (json_out) {
    std::cout << json{{"station_id", station.id}, {"key", key_hex}}.dump() << '\n';
    return;
  }
  std::cout << trf("The secret key of station {} (shown only this once; copy it now):", station.id) << "\n  " << key_hex
            << "\n\n"
            << tr("Paste these lines into the station's loaxa.toml (correct url and ca_file if needed):") << "\n\n"
            << "[hub]\n"
            << "url = \"" << where.url << "\"\n"
            << "station_id = \"" << station.id << "\"\n"
            << "key = \"" << key_hex << "\"\n"
            << "ca_file = \"" << where.ca_file << "\"\n";
}

}  // namespace

int serve(const Common& common, const ServeOptions& options) {
  auto opened = open_hub(common.home);
  const auto vault = open_vault(opened.home);
  const auto clock = hub_clock();
  // The stations' requests are stored on the server's writer thread, through a connection of
  // their own (server.hpp); the dashboard below reads through opened.store on the io thread.
  SqliteHubStore ingest_store(opened.home.database());
  WalCheckpointer checkpoints(ingest_store.database(), opened.home.database());  // off the writer's commits
  // The district bulletins' audio (mandate_commands.cpp puts it there) is served from the home.
  Api api(ingest_store, vault, *clock, ApiLimits{}, MandateSetup{opened.home.mandates()});
  boost::asio::io_context io;
  ServerOptions server_options;
  server_options.listen = options.listen;
  server_options.tls_cert = options.tls_cert;
  server_options.tls_key = options.tls_key;
  server_options.allow_plain = options.allow_plain;
  server_options.request_timeout = std::chrono::seconds(options.request_timeout_s);
  server_options.max_connections = static_cast<std::size_t>(options.max_connections);
  server_options.on_request = [](const std::string& method, const std::string& target, const std::string& station,
                                 int status) {
    if (status != 200) {
      std::cerr << fmt::format("loaxa-hub: {} {} station={} -> {}", method.empty() ? "-" : method,
                               target.empty() ? "-" : target, station.empty() ? "-" : station, status)
                << std::endl;
    }
  };
  // The dashboard (dashboard.hpp) on the same io thread and database connection; a login's
  // password check (0.1 s, 64 MiB) on one worker thread of its own, so the stations' requests
  // are answered meanwhile and at most one check's memory is in use.
  SqliteAccountStore accounts(opened.store->database());
  // A closed month is shown as it was closed (month_close.hpp), as `report` prints it.
  SqliteMonthCloseStore closes(*opened.store);
  const auto signer = MonthCloseSigner::from_master_key_file(opened.home.master_key());
  boost::asio::thread_pool password_checks(1);
  Dashboard dashboard(
      *opened.store, accounts, *clock,
      [&](std::function<void()> work, std::function<void()> then) {
        boost::asio::post(password_checks, [&io, work = std::move(work), then = std::move(then)] {
          work();
          boost::asio::post(io, then);
        });
      },
      DashboardOptions{}, ClosedMonths{&closes, &signer});
  server_options.web = [&](web::WebRequest request, std::function<void(web::WebResponse)> answer) {
    dashboard.handle(std::move(request), std::move(answer));
  };
  std::unique_ptr<Server> server;
  try {
    server = std::make_unique<Server>(io, server_options, api);
  } catch (const ServerError& e) {
    switch (e.kind) {
      case ServerError::Kind::bad_address:
        throw std::runtime_error(trf("--listen {}: write ADDRESS:PORT, e.g. 0.0.0.0:8443.", options.listen));
      case ServerError::Kind::plain_not_loopback:
        throw std::runtime_error(
            trf("Refusing plain HTTP on {}: give --tls-cert and --tls-key, listen on 127.0.0.1, or add --allow-plain "
                "(only behind a TLS proxy).",
                options.listen));
      case ServerError::Kind::tls:
        throw std::runtime_error(trf("Cannot load the TLS certificate or key: {}", e.what()));
      case ServerError::Kind::io:
        throw std::runtime_error(trf("Cannot listen: {}", e.what()));
    }
    throw;
  }
  std::cout << fmt::format("loaxa-hub: listening on {} port {} ({}), home {}", split_listen(options.listen).first,
                           server->port(), server->tls() ? "https" : "http", opened.home.root.string())
            << std::endl;

  boost::asio::signal_set signals(io, SIGTERM, SIGINT);
  boost::asio::steady_timer watchdog(io);
  bool stopping = false;
  std::uint64_t watchdog_us = 0;
  const bool watchdog_on = sd_watchdog_enabled(0, &watchdog_us) > 0;
  std::function<void()> ping = [&] {
    sd_notify(0, "WATCHDOG=1");
    watchdog.expires_after(std::chrono::microseconds(watchdog_us / 2));
    watchdog.async_wait([&](const boost::system::error_code& ec) {
      if (!ec && !stopping) ping();
    });
  };
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    stopping = true;
    sd_notify(0, "STOPPING=1");
    server->close();
    watchdog.cancel();
  });
  if (watchdog_on) ping();
  sd_notify(0, "READY=1");
  io.run();
  std::cout << "loaxa-hub: stopped" << std::endl;
  return 0;
}

int station_add(const Common& common, const StationAddOptions& options) {
  if (!valid_station_id(options.id)) {
    throw std::runtime_error(
        trf("'{}' is not a station ID: use lowercase letters, digits, '-', '_' or '.' (at most 64), as in the "
            "station's loaxa.toml [station] id.",
            options.id));
  }
  if (options.name.empty()) throw std::runtime_error(tr("A station needs a name (--name)."));
  auto opened = open_hub(common.home);
  const auto vault = open_vault(opened.home);
  const auto clock = hub_clock();
  const auto key = random_bytes(32);
  Station station;
  station.id = options.id;
  station.name = options.name;
  station.group = options.group;
  station.created_at = clock->now();
  station.sealed_key = vault.seal(station.id, key);
  try {
    opened.store->add_station(station);
  } catch (const HubStoreError&) {
    throw std::runtime_error(
        trf("Station '{}' already exists; its key can be replaced with: loaxa-hub station rotate-key {}", options.id,
            options.id));
  }
  if (!common.json) std::cout << trf("Station {} ({}) added.", station.id, station.name) << '\n';
  print_key(station, to_hex(key), options, common.json);
  return 0;
}

int station_list(const Common& common) {
  auto opened = open_hub(common.home);
  const auto stations = opened.store->stations();
  if (common.json) {
    json list = json::array();
    for (const auto& s : stations) list.push_back(station_json(s));
    std::cout << list.dump(2) << '\n';
    return 0;
  }
  if (stations.empty()) {
    std::cout << tr("No station yet: add one with loaxa-hub station add ID --name NAME") << '\n';
    return 0;
  }
  const std::vector<std::string> headers{tr("station"), tr("name"),      tr("group"),
                                         tr("state"),   tr("acked seq"), tr("last contact")};
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : stations) {
    std::string state = s.enabled ? tr("enabled") : tr("disabled");
    if (s.flag) state += std::string(", ") + tr("FLAGGED");
    rows.push_back({s.id, s.name, s.group, state, std::to_string(s.acked_seq), when(s.last_contact)});
  }
  print_aligned(headers, rows);
  return 0;
}

int station_show(const Common& common, const std::string& id) {
  auto opened = open_hub(common.home);
  const auto s = require_station(*opened.store, id);
  if (common.json) {
    std::cout << station_json(s).dump(2) << '\n';
    return 0;
  }
  const auto line = [](const char* label, const std::string& value) {
    std::cout << pad_right(label, 28) << value << '\n';
  };
  line(tr("Station"), s.id);
  line(tr("Name"), s.name);
  line(tr("Group"), s.group.empty() ? "—" : s.group);
  line(tr("State"), s.enabled ? tr("enabled") : tr("disabled"));
  line(tr("Created"), when(s.created_at));
  line(tr("Highest seq held"), std::to_string(s.acked_seq));
  line(tr("Last contact"), when(s.last_contact));
  if (s.heartbeat) {
    const auto& h = *s.heartbeat;
    line(tr("Version"), h.version);
    line(tr("Uptime (s)"), std::to_string(h.uptime_s));
    line(tr("Device"), h.device);
    line(tr("Next occurrence"), when(h.next_occurrence));
    line(tr("Clock offset (ms)"), std::to_string(h.clock_offset().count()));
    line(tr("Outbox depth"), std::to_string(h.outbox_depth));
  }
  if (s.flag) {
    std::cout << trf("FLAGGED: the station sent a row that conflicts with its log (seq {}, {}): {}. Times flagged: {}.",
                     s.flag->seq, when(s.flag->at), s.flag->detail, s.flags)
              << '\n';
  }
  return 0;
}

int station_disable(const Common& common, const std::string& id) {
  auto opened = open_hub(common.home);
  require_station(*opened.store, id);
  opened.store->set_enabled(id, false);
  std::cout << trf("Station {} is disabled: the hub refuses its requests until: loaxa-hub station enable {}", id, id)
            << '\n';
  return 0;
}

int station_enable(const Common& common, const std::string& id) {
  auto opened = open_hub(common.home);
  require_station(*opened.store, id);
  opened.store->set_enabled(id, true);
  std::cout << trf("Station {} is enabled.", id) << '\n';
  return 0;
}

int station_rotate_key(const Common& common, const std::string& id) {
  auto opened = open_hub(common.home);
  const auto station = require_station(*opened.store, id);
  const auto vault = open_vault(opened.home);
  const auto key = random_bytes(32);
  opened.store->set_sealed_key(id, vault.seal(id, key));
  if (!common.json) std::cout << trf("Station {} has a new key; the old one no longer works.", id) << '\n';
  print_key(station, to_hex(key), StationAddOptions{}, common.json);
  return 0;
}

}  // namespace loaxa::hub::cli
