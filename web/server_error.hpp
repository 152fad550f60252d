#pragma once
// Why an HTTP server (the hub's, the station console's) cannot listen.

#include <stdexcept>
#include <string>

namespace loaxa::web {

class ServerError : public std::runtime_error {
 public:
  enum class Kind {
    bad_address,         // listen is not ADDR:PORT
    plain_not_loopback,  // plain HTTP on an address other than loopback, without allow_plain
    tls,                 // the certificate or key cannot be loaded
    io,                  // bind/listen failed (in use, no permission)
  };
  ServerError(Kind kind_, const std::string& what) : std::runtime_error(what), kind(kind_) {}
  Kind kind;
};

}  // namespace loaxa::web
