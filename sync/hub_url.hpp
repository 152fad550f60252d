#pragma once
// The hub's address from loaxa.toml's [hub] url: scheme, host, port. The shape was checked
// when the config was read (config/config.cpp); this splits it for the connection.

#include <optional>
#include <string>
#include <string_view>

namespace loaxa::sync {

struct HubUrl {
  bool tls = true;
  std::string host;  // without brackets for an IPv6 literal
  std::string port;  // "443" / "80" when the URL gives none
  std::string text;  // as configured, for logs and the store's key
};

// nullopt when `url` is not "http[s]://HOST[:PORT][/]".
std::optional<HubUrl> parse_hub_url(std::string_view url);

}  // namespace loaxa::sync
