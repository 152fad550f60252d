#pragma once
// The dashboard's forms against cross-site request forgery. Three locks, each enough alone
// in a current browser:
//  - the cookies are SameSite=Strict: another site's form posts without them;
//  - every form carries a token the other site cannot read: the logout form the session's
//    own token (a keyed digest of the session's secret, so nothing more is stored), the
//    login form — before any session — the value of a random cookie set with the form
//    (double submit);
//  - a POST whose Origin header names another site is refused.
//
// Pure; safe from any thread.

#include <string>
#include <string_view>

namespace loaxa::web {

// The token the forms of the session with this secret carry.
std::string session_form_token(std::string_view session_secret);

// The form's token equals the expected one (neither empty), compared in constant time.
bool form_token_matches(std::string_view expected, std::string_view given) noexcept;

// A POST's Origin (empty when the browser sent none) against the Host it was sent to.
bool origin_allowed(std::string_view origin, std::string_view host, bool tls);

}  // namespace loaxa::web
