#include "cli/programme_lookup.hpp"

#include "common/i18n.hpp"
#include "store/programme_store.hpp"

#include <stdexcept>

namespace loaxa::cli {

schedules::Programme require_programme(Context& context, const std::string& key) {
  store::ProgrammeStore programmes(context.db());
  if (auto found = programmes.find_by_name(key)) return *found;
  if (!key.empty() && key.size() < 19 && key.find_first_not_of("0123456789") == std::string::npos) {
    if (auto found = programmes.find(std::stoll(key))) return *found;
  }
  throw std::runtime_error(trf("There is no programme \"{}\". See: loaxa programme list", key));
}

}  // namespace loaxa::cli
