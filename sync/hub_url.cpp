#include "sync/hub_url.hpp"

#include <regex>

namespace loaxa::sync {

std::optional<HubUrl> parse_hub_url(std::string_view url) {
  static const std::regex shape(R"((https?)://(?:([A-Za-z0-9.-]+)|\[([0-9A-Fa-f:]+)\])(?::([0-9]{1,5}))?/?)");
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(url.begin(), url.end(), m, shape)) return std::nullopt;
  HubUrl out;
  out.tls = m[1] == "https";
  out.host = m[2].matched ? m[2].str() : m[3].str();
  out.port = m[4].matched ? m[4].str() : (out.tls ? "443" : "80");
  out.text = std::string(url);
  return out;
}

}  // namespace loaxa::sync
