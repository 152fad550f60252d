#include "console/routes.hpp"

namespace loaxa::console {

void Routes::add(Route route) {
  routes_.push_back(std::move(route));
}

const Route* Routes::find(std::string_view method, std::string_view path, bool& path_known) const {
  path_known = false;
  const Route* best = nullptr;
  std::size_t best_length = 0;
  for (const auto& route : routes_) {
    const bool prefix = !route.path.empty() && route.path.back() == '/' && route.path != "/";
    const bool matches = prefix ? path.size() > route.path.size() && path.substr(0, route.path.size()) == route.path
                                : path == route.path;
    if (!matches) continue;
    path_known = true;
    if (route.method != method) continue;
    // An exact path beats any prefix; a longer prefix beats a shorter one.
    const std::size_t length = prefix ? route.path.size() : std::string_view::npos;
    if (best == nullptr || length > best_length) {
      best = &route;
      best_length = length;
    }
  }
  return best;
}

}  // namespace loaxa::console
