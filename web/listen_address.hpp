#pragma once
// An HTTP server's --listen text and what it means: "127.0.0.1:8080", "[::1]:8080",
// "0.0.0.0:8443". Shared by the hub's server and the station console's.
//
// Pure; safe from any thread.

#include <optional>
#include <string>
#include <utility>

namespace loaxa::web {

// "127.0.0.1:8443" → address, port; "[::1]:8443" too. nullopt when it is not ADDRESS:PORT
// with a numeric address and a port up to 65535 (0 asks for a free one).
std::optional<std::pair<std::string, unsigned short>> split_listen(const std::string& listen);

// The address is the machine itself (127.0.0.0/8, ::1, or ::ffff:127.x.x.x): plain HTTP
// there is seen by nobody else.
bool is_loopback_address(const std::string& address);

}  // namespace loaxa::web
