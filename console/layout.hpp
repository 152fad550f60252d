#pragma once
// The frame around every console page: the document head (its language, the shared
// stylesheet, the page's scripts, the form token for scripts), the navigation (Now, Library,
// Schedule, Log, Emergency), who is signed in with the logout button, the language switch,
// and the emergency banner while one airs.
//
// No inline script or style anywhere (the Content-Security-Policy forbids them): pages use
// the stylesheet's classes and their own script files.
//
// Thread safety: the console thread.

#include "console/routes.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace loaxa::console {

// `nav`: the path of the navigation entry to mark ("/", "/library", …). `body_html` is
// already escaped. `scripts`: paths such as "/static/library.js".
std::string page(const Visit& visit, std::string_view nav, std::string_view title, std::string_view body_html,
                 std::initializer_list<std::string_view> scripts = {});

// A page outside the frame (the login form, a refusal): the head and the stylesheet only.
std::string bare_page(std::string_view title, std::string_view body_html);

// <input type="hidden" name="csrf" value="…"> for a POST form.
std::string csrf_field(const Visit& visit);

}  // namespace loaxa::console
