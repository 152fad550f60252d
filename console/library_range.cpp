#include "console/library_range.hpp"

#include <charconv>
#include <optional>

namespace loaxa::console {
namespace {

std::optional<std::uint64_t> number(std::string_view text) {
  std::uint64_t value = 0;
  if (text.empty()) return std::nullopt;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

RangeAnswer parse_range(std::string_view header, std::uint64_t size) {
  header = trimmed(header);
  constexpr std::string_view kUnit = "bytes=";
  // Another unit, or a header this server does not read, is ignored: the whole file is a
  // valid answer to any Range request.
  if (header.substr(0, kUnit.size()) != kUnit) return WholeFile{};
  const auto spec = trimmed(header.substr(kUnit.size()));
  if (spec.find(',') != std::string_view::npos) return WholeFile{};
  const auto dash = spec.find('-');
  if (dash == std::string_view::npos) return WholeFile{};
  const auto first_text = trimmed(spec.substr(0, dash));
  const auto last_text = trimmed(spec.substr(dash + 1));

  if (first_text.empty()) {  // "-N": the last N bytes
    const auto suffix = number(last_text);
    if (!suffix) return WholeFile{};
    if (*suffix == 0 || size == 0) return Unsatisfiable{};
    return ByteRange{*suffix >= size ? 0 : size - *suffix, size - 1};
  }
  const auto first = number(first_text);
  if (!first) return WholeFile{};
  std::uint64_t last = size == 0 ? 0 : size - 1;
  if (!last_text.empty()) {
    const auto given = number(last_text);
    if (!given || *given < *first) return WholeFile{};  // invalid: ignored, as the RFC says
    if (*given < last) last = *given;
  }
  if (*first >= size) return Unsatisfiable{};
  return ByteRange{*first, last};
}

}  // namespace loaxa::console
