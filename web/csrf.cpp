#include "web/csrf.hpp"

#include "web/password_hash.hpp"

namespace loaxa::web {

std::string session_form_token(std::string_view session_secret) {
  return digest_hex("loaxa-hub form", session_secret);
}

bool form_token_matches(std::string_view expected, std::string_view given) noexcept {
  return !expected.empty() && !given.empty() && equal_in_constant_time(expected, given);
}

bool origin_allowed(std::string_view origin, std::string_view host, bool tls) {
  if (origin.empty()) return true;
  // "null" is an opaque origin (a sandboxed frame, a file): never the dashboard itself.
  return !host.empty() && origin == std::string(tls ? "https://" : "http://") + std::string(host);
}

}  // namespace loaxa::web
