#pragma once
// HTTP/1.1 to the hub over Boost.Beast, TLS through OpenSSL for https: the hub's certificate
// is checked against [hub] ca_file (or the system's CAs) and its host name. One connection
// per request (a station sends a few a minute at most), a deadline over the whole exchange.
//
// Thread safety: the event-loop thread of the io_context given.

#include "sync/hub_url.hpp"
#include "sync/transport.hpp"

#include <chrono>
#include <memory>
#include <string>

namespace boost::asio {
class io_context;
}

namespace loaxa::sync {

class BeastTransport final : public Transport {
 public:
  // Throws std::runtime_error naming the CA file when it cannot be read.
  BeastTransport(boost::asio::io_context& io, HubUrl url, const std::string& ca_file,
                 std::chrono::seconds timeout = std::chrono::seconds(30));
  ~BeastTransport() override;

  void post(HubRequest request, ResponseHandler done) override;
  void cancel() noexcept override;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace loaxa::sync
