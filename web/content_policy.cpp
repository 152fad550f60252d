#include "web/content_policy.hpp"

#include <sodium.h>

#include <set>
#include <stdexcept>

namespace loaxa::web {
namespace {

std::string sha256_base64(std::string_view text) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  char out[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(out, sizeof out, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  return out;
}

}  // namespace

std::string content_security_policy(std::string_view html) {
  constexpr std::string_view kOpen = "<style>";
  constexpr std::string_view kClose = "</style>";
  std::set<std::string> hashes;
  for (auto at = html.find(kOpen); at != std::string_view::npos; at = html.find(kOpen, at)) {
    const auto start = at + kOpen.size();
    const auto end = html.find(kClose, start);
    if (end == std::string_view::npos) break;
    hashes.insert("'sha256-" + sha256_base64(html.substr(start, end - start)) + "'");
    at = end + kClose.size();
  }
  std::string styles;
  for (const auto& hash : hashes) styles += " " + hash;
  return "default-src 'none'; style-src" + (styles.empty() ? std::string(" 'none'") : styles) +
         "; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
}

}  // namespace loaxa::web
