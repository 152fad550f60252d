#include "console/library_filter.hpp"

#include "console/library_search.hpp"
#include "store/category_store.hpp"
#include "web/text.hpp"

namespace loaxa::console {

Validity validity_on(const store::Segment& segment, const std::string& today) {
  // ISO dates order as text.
  if (segment.valid_from && today < *segment.valid_from) return Validity::not_yet;
  if (segment.valid_until && today > *segment.valid_until) return Validity::expired;
  return Validity::now;
}

const char* to_string(Validity validity) noexcept {
  switch (validity) {
    case Validity::now:
      return "now";
    case Validity::expired:
      return "expired";
    case Validity::not_yet:
      return "not_yet";
  }
  return "now";
}

LibraryFilter filter_from_query(std::string_view query) {
  const auto form = web::parse_form(query);
  const auto value = [&form](const char* name) -> std::string {
    const auto found = form.find(name);
    return found == form.end() ? std::string() : found->second;
  };
  LibraryFilter filter;
  const auto search = value("q");
  if (const auto first = search.find_first_not_of(" \t"); first != std::string::npos) {
    filter.search = search.substr(first, search.find_last_not_of(" \t") - first + 1);
  }
  if (const auto category = value("category"); !category.empty()) {
    filter.category = store::normalize_category_code(category);
  }
  if (const auto approved = value("approved"); approved == "yes")
    filter.approved = true;
  else if (approved == "no")
    filter.approved = false;
  for (const auto validity : {Validity::now, Validity::expired, Validity::not_yet}) {
    if (value("validity") == to_string(validity)) filter.validity = validity;
  }
  return filter;
}

bool matches(const store::Segment& segment, const LibraryFilter& filter, const std::string& today) {
  if (filter.category && segment.category != *filter.category) return false;
  if (filter.approved && segment.approved != *filter.approved) return false;
  if (filter.validity && validity_on(segment, today) != *filter.validity) return false;
  return title_matches(segment.title, filter.search);
}

}  // namespace loaxa::console
