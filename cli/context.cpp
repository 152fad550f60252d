#include "cli/context.hpp"

namespace loaxa::cli {

station::Station& Context::station() {
  if (!station_) station_.emplace(resolve_home(home_option));
  return *station_;
}

}  // namespace loaxa::cli
