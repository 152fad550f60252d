#include "console/library_upload_name.hpp"

namespace loaxa::console {
namespace {

// Well-formed UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF.
bool valid_utf8(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const auto lead = static_cast<unsigned char>(text[at]);
    std::size_t count = 0;
    char32_t code = 0;
    if (lead < 0x80) {
      ++at;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      count = 2;
      code = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
      count = 3;
      code = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      count = 4;
      code = lead & 0x07;
    } else {
      return false;
    }
    if (at + count > text.size()) return false;
    for (std::size_t i = 1; i < count; ++i) {
      const auto next = static_cast<unsigned char>(text[at + i]);
      if ((next & 0xC0) != 0x80) return false;
      code = (code << 6) | (next & 0x3F);
    }
    if ((count == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) ||
        (count == 4 && (code < 0x10000 || code > 0x10FFFF))) {
      return false;
    }
    at += count;
  }
  return true;
}

}  // namespace

std::optional<UploadNameProblem> upload_name_problem(std::string_view name) {
  if (name.find_first_not_of(' ') == std::string_view::npos) return UploadNameProblem::empty;
  if (name.size() > kMaxUploadNameBytes) return UploadNameProblem::too_long;
  for (const char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) return UploadNameProblem::control;
  }
  if (name.find_first_of("/\\") != std::string_view::npos || name == "." || name == "..") {
    return UploadNameProblem::path;
  }
  if (!valid_utf8(name)) return UploadNameProblem::encoding;
  return std::nullopt;
}

}  // namespace loaxa::console
