#include "web/exchange.hpp"

#include <algorithm>

namespace loaxa::web {

std::string_view WebRequest::header(std::string_view name) const noexcept {
  const auto same = [&](const std::string& candidate) {
    return std::equal(candidate.begin(), candidate.end(), name.begin(), name.end(), [](char a, char b) {
      const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
      return lower(a) == lower(b);
    });
  };
  for (const auto& [key, value] : headers) {
    if (same(key)) return value;
  }
  return {};
}

}  // namespace loaxa::web
