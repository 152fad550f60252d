#pragma once
// How a console page is found: the route table each page adds to (pages.hpp).
// The core (console.hpp) checks the session, the role and the form token before a route's
// handler runs, so a handler only parses, calls the station's rules and lays out.
//
// Thread safety: the console thread (the one running its server's io_context); only
// Context::offload's work runs elsewhere.

#include "console/context.hpp"
#include "web/exchange.hpp"

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace loaxa::console {

struct Route {
  std::string method;  // "GET", "POST", "PUT", "DELETE"
  std::string path;    // exact, or a prefix when it ends with '/' ("/library/segment/")
  Role needs = Role::viewer;
  Handler handler;
  bool public_ = false;  // served without a session: static assets only
  bool upload = false;   // its body may be a whole audio file (Context::max_upload_bytes)
};

class Routes {
 public:
  void add(Route route);
  // The route for `method` and `path`: an exact path first, then the longest prefix.
  // `path_known` says whether any method has that path (a 405 rather than a 404).
  const Route* find(std::string_view method, std::string_view path, bool& path_known) const;

 private:
  std::vector<Route> routes_;
};

}  // namespace loaxa::console
