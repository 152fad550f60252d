#pragma once
// Column widths for terminal tables: Vietnamese text is UTF-8 with diacritics, so bytes
// are not columns.

#include <cstddef>
#include <string>
#include <string_view>

namespace loaxa {

// Terminal columns taken by UTF-8 text: one per code point, none for combining marks.
std::size_t display_width(std::string_view utf8) noexcept;

// Pads with spaces on the right to `width` columns (no truncation).
std::string pad_right(std::string_view utf8, std::size_t width);

}  // namespace loaxa
