#pragma once
// Title search as a commune operator types it: "thong bao" finds "Thông báo", "TIÊM" finds
// "tiêm chủng". Case and Vietnamese diacritics are folded away (đ as d), on both sides.
//
// Pure functions; safe from any thread.

#include <string>
#include <string_view>

namespace loaxa::console {

// `text` lowercased, each Vietnamese letter reduced to its base ASCII letter, combining
// marks (decomposed input) dropped. Other characters are kept as they are; broken UTF-8
// bytes too.
std::string search_key(std::string_view text);

// True when `query`, folded, occurs in `title`, folded. An empty query finds everything.
bool title_matches(std::string_view title, std::string_view query);

}  // namespace loaxa::console
