#pragma once
// A plain Unix-socket client that sends any bytes and reads lines, for tests of bad input.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

namespace loaxa::test {

class RawSocket {
 public:
  explicit RawSocket(const std::filesystem::path& path);  // REQUIREs the connection
  ~RawSocket();
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  void send(const std::string& bytes);
  // The next line without its newline; nullopt at end of stream. Fails the test after 10 s.
  std::optional<std::string> line();

 private:
  int fd_ = -1;
  std::string buffer_;
};

}  // namespace loaxa::test
