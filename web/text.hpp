#pragma once
// The text of the web pages' requests and answers: HTML escaping, percent-decoding of query
// strings and form bodies, percent-encoding for links, and the Cookie header's pairs.
//
// Pure functions; safe from any thread.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace loaxa::web {

// & < > " ' as entities: safe inside element text and inside quoted attribute values.
std::string html_escape(std::string_view text);

// Everything but A-Z a-z 0-9 - _ . ~ as %XX (UTF-8 bytes kept as bytes).
std::string url_encode(std::string_view text);

// %XX decoded and, for forms, '+' as a space. nullopt for a broken escape (%G1, a '%' at
// the end) or a decoded NUL.
std::optional<std::string> url_decode(std::string_view text, bool plus_is_space = true);

// "a=1&b=x%20y" → {a: 1, b: x y}. A pair that does not decode is left out; a name given
// twice keeps its first value.
std::map<std::string, std::string> parse_form(std::string_view text);

// The path of a request target ("/station/x?month=…" → "/station/x") and its query ("month=…").
std::string_view target_path(std::string_view target);
std::string_view target_query(std::string_view target);

// "a=1; b=2" → the value of `name`, if present.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

}  // namespace loaxa::web
