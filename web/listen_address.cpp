#include "web/listen_address.hpp"

#include <boost/asio/ip/address.hpp>

namespace loaxa::web {

namespace asio = boost::asio;

std::optional<std::pair<std::string, unsigned short>> split_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == listen.size()) return std::nullopt;
  std::string address = listen.substr(0, colon);
  if (address.front() == '[') {
    if (address.back() != ']') return std::nullopt;
    address = address.substr(1, address.size() - 2);
  }
  const std::string port_text = listen.substr(colon + 1);
  if (port_text.size() > 5) return std::nullopt;
  unsigned port = 0;
  for (char c : port_text) {
    if (c < '0' || c > '9') return std::nullopt;
    port = port * 10 + static_cast<unsigned>(c - '0');
  }
  if (port > 65535) return std::nullopt;
  boost::system::error_code ec;
  asio::ip::make_address(address, ec);
  if (ec) return std::nullopt;
  return std::pair{address, static_cast<unsigned short>(port)};
}

bool is_loopback_address(const std::string& text) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(text, ec);
  if (ec) return false;
  return address.is_loopback() || (address.is_v6() && address.to_v6().is_v4_mapped() &&
                                   asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).is_loopback());
}

}  // namespace loaxa::web
