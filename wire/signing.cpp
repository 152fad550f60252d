#include "wire/signing.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <stdexcept>

namespace loaxa::wire {
namespace {

constexpr char kHex[] = "0123456789abcdef";

std::string hex_of(const unsigned char* data, std::size_t size) {
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 0x0f];
  }
  return out;
}

int hex_value(char c) noexcept {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error("SHA-256 failed");
  }
  return hex_of(digest, size);
}

std::string hmac_sha256_hex(const std::vector<std::uint8_t>& key, std::string_view message) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), digest, &size) == nullptr) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  return hex_of(digest, size);
}

std::string string_to_sign(std::string_view method, std::string_view path, std::string_view timestamp,
                           std::string_view nonce, std::string_view body) {
  std::string out = "loaxa-req/1\n";
  out.append(method).append("\n");
  out.append(path).append("\n");
  out.append(timestamp).append("\n");
  out.append(nonce).append("\n");
  out += sha256_hex(body);
  return out;
}

std::string sign_request(const std::vector<std::uint8_t>& key, std::string_view method, std::string_view path,
                         std::string_view timestamp, std::string_view nonce, std::string_view body) {
  return hmac_sha256_hex(key, string_to_sign(method, path, timestamp, nonce, body));
}

bool signature_matches(const std::vector<std::uint8_t>& key, std::string_view method, std::string_view path,
                       std::string_view timestamp, std::string_view nonce, std::string_view body,
                       std::string_view signature) {
  return signature_matches_digest(key, method, path, timestamp, nonce, sha256_hex(body), signature);
}

bool signature_matches_digest(const std::vector<std::uint8_t>& key, std::string_view method, std::string_view path,
                              std::string_view timestamp, std::string_view nonce, std::string_view body_sha256_hex,
                              std::string_view signature) {
  std::string message = "loaxa-req/1\n";
  message.append(method).append("\n");
  message.append(path).append("\n");
  message.append(timestamp).append("\n");
  message.append(nonce).append("\n");
  message.append(body_sha256_hex);
  const std::string expected = hmac_sha256_hex(key, message);
  if (signature.size() != expected.size()) return false;
  return CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

std::string response_signature(const std::vector<std::uint8_t>& key, std::string_view nonce, std::string_view body) {
  std::string message = "loaxa-resp/1\n";
  message.append(nonce).append("\n");
  message.append(sha256_hex(body));
  return hmac_sha256_hex(key, message);
}

bool response_signature_matches(const std::vector<std::uint8_t>& key, std::string_view nonce, std::string_view body,
                                std::string_view signature) {
  const std::string expected = response_signature(key, nonce, body);
  if (signature.size() != expected.size()) return false;
  return CRYPTO_memcmp(expected.data(), signature.data(), expected.size()) == 0;
}

std::vector<std::uint8_t> random_bytes(std::size_t count) {
  std::vector<std::uint8_t> out(count);
  if (RAND_bytes(out.data(), static_cast<int>(count)) != 1) throw std::runtime_error("RAND_bytes failed");
  return out;
}

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  return hex_of(bytes.data(), bytes.size());
}

std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex, std::size_t bytes) {
  if (!is_lower_hex(hex, bytes * 2)) return std::nullopt;
  std::vector<std::uint8_t> out(bytes);
  for (std::size_t i = 0; i < bytes; ++i) {
    out[i] = static_cast<std::uint8_t>(hex_value(hex[2 * i]) * 16 + hex_value(hex[2 * i + 1]));
  }
  return out;
}

bool is_lower_hex(std::string_view text, std::size_t length) noexcept {
  if (text.size() != length) return false;
  for (char c : text) {
    if (hex_value(c) < 0) return false;
  }
  return true;
}

std::optional<std::int64_t> parse_timestamp(std::string_view text) noexcept {
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace loaxa::wire
