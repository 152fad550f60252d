#pragma once
// What the console's suites share: loaxad as the pages see it (a fake control::Handler that
// answers a status and counts what it was asked), a signed-in user as a login would leave
// them, a station home in a zone, and a request answered at once.

#include "common/home.hpp"
#include "console/console.hpp"
#include "station/station.hpp"
#include "station/users.hpp"
#include "support/temp_dir.hpp"
#include "web/exchange.hpp"

#include <optional>
#include <string>
#include <vector>

namespace loaxa::test {

struct FakeDaemon : control::Handler {
  struct Emergency {
    std::int64_t segment = 0;
    int repeat = 0;
    std::string asked_by;
  };
  control::DaemonStatus answer;           // what status() says
  std::optional<control::Error> refusal;  // what play(), stop(), emergency() and priority() answer
  std::vector<Emergency> emergencies;
  int stops = 0;
  int reloads = 0;

  control::DaemonStatus status() override { return answer; }
  std::optional<control::Error> play(std::int64_t) override { return refusal; }
  std::optional<control::Error> stop() override {
    ++stops;
    return refusal;
  }
  std::optional<control::Error> reload() override {
    ++reloads;
    return std::nullopt;
  }
  std::optional<control::Error> emergency(std::int64_t segment, int repeat, const std::string& asked_by) override {
    emergencies.push_back({segment, repeat, asked_by});
    return refusal;
  }
  std::optional<control::Error> priority(std::int64_t, const std::string&) override { return refusal; }
};

// A session's cookie ("loaxa_console=…") and the token its forms carry.
struct Signed {
  std::string cookie;
  std::string token;
};

// Adds the user and a session for them, as a login would.
Signed sign_in(station::Station& station, const std::string& name, station::UserRole role);

// A station home under `dir` whose loaxa.toml sets `zone`.
Home console_home(const TempDir& dir, const std::string& zone = "Asia/Ho_Chi_Minh");

// The console's answer to `request` (which must come at once: offloaded work run inline or
// joined before its `then`).
web::WebResponse answer_of(console::Console& console, web::WebRequest request);

}  // namespace loaxa::test
