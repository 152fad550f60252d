#pragma once
// Streaming SHA-256 (OpenSSL EVP): segments are content-addressed by it.

#include <cstddef>
#include <memory>
#include <string>

namespace loaxa {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(const void* data, std::size_t size);
  // Lower-case hex digest; the hasher cannot be updated afterwards.
  std::string finish();

 private:
  struct Context;
  std::unique_ptr<Context> context_;
};

}  // namespace loaxa
