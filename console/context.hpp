#pragma once
// What a console page is given: the visitor (signed in, with a role), the station and the
// running daemon (the context). The core (console.hpp) checks the session, the role and the
// form token before a route's handler runs, so a handler only parses, calls the station's
// rules and lays out.
//
// Thread safety: the console thread (the one running its server's io_context); only
// Context::offload's work runs elsewhere.

#include "common/home.hpp"
#include "control/protocol.hpp"
#include "station/station.hpp"
#include "web/exchange.hpp"

#include <cstddef>
#include <functional>
#include <string>

namespace loaxa::console {

enum class Role { viewer, operator_ };  // station/users.hpp's UserRole, as the console sees it

struct Visitor {
  std::string user;
  Role role = Role::viewer;
  std::string form_token;  // the value every form (field `csrf`) and script (X-Loaxa-Token) sends back
};

// Runs `work` on the console's worker thread, then `then` on the console thread. `work` must
// not touch Context::station (another thread's connection): it opens its own Station on
// Context::home when it needs the database.
using Offload = std::function<void(std::function<void()> work, std::function<void()> then)>;

struct Context {
  station::Station& station;  // the console thread's own connection
  Home home;                  // for the worker's own Station
  control::Handler& daemon;   // status(), play(), stop(), reload(), emergency(): loaxad's rules, on its loop
  Offload offload;
  // A Server-Sent Event to every open /events stream: its name and one line of JSON.
  std::function<void(const std::string& event, const std::string& json)> publish;
  std::size_t max_upload_bytes = 0;  // the largest file an upload may carry
};

// Valid during the handler's call only: work that answers later copies what it needs.
struct Visit {
  const web::WebRequest& request;
  const Visitor& visitor;
  Context& context;
};

using Answer = std::function<void(web::WebResponse)>;  // exactly once, on the console thread
using Handler = std::function<void(const Visit&, Answer)>;

}  // namespace loaxa::console
