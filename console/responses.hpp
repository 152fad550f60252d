#pragma once
// The answers console pages give: an HTML page, JSON, a redirect, a refusal worded for its
// reader (a page for a browser, JSON for the page's scripts).
//
// Thread safety: the console thread (tr() in the visitor's language).

#include "web/exchange.hpp"

#include <string>
#include <string_view>

namespace loaxa::console {

web::WebResponse html(int status, std::string body);
web::WebResponse json(int status, std::string body);
web::WebResponse redirect(const std::string& to);  // 303 See Other
// A refusal as a small page with a link back: `title` and `text` already in the reader's
// language.
web::WebResponse problem(int status, const std::string& title, const std::string& text);
// A refusal: `title` and `text` (already in the reader's language) as a small page, or as
// {"ok":false,"error":TITLE,"message":TEXT} when the request asked for JSON (Accept) or
// came from a script (X-Loaxa-Token).
web::WebResponse problem(const web::WebRequest& request, int status, const std::string& title, const std::string& text);

// The request wants JSON back: an Accept naming application/json or a script's token header.
bool wants_json(const web::WebRequest& request);

// A JSON string literal, quotes included, for hand-built JSON in pages' .cpp files that do not
// include nlohmann.
std::string json_string(std::string_view text);

}  // namespace loaxa::console
