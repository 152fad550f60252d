#include "common/text_width.hpp"

namespace loaxa {

std::size_t display_width(std::string_view utf8) noexcept {
  std::size_t width = 0;
  for (std::size_t i = 0; i < utf8.size();) {
    auto lead = static_cast<unsigned char>(utf8[i]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t cp = lead;
    if (length == 2 && i + 1 < utf8.size()) {
      cp = ((lead & 0x1Fu) << 6) | (static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu);
    }
    bool combining = cp >= 0x300 && cp <= 0x36F;
    if (!combining) ++width;
    i += length;
  }
  return width;
}

std::string pad_right(std::string_view utf8, std::size_t width) {
  std::string out(utf8);
  for (std::size_t w = display_width(utf8); w < width; ++w) out.push_back(' ');
  return out;
}

}  // namespace loaxa
