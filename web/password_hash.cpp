#include "web/password_hash.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace loaxa::web {
namespace {

void ensure_sodium() {
  // sodium_init() is safe to call from several threads and more than once.
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string to_hex(const unsigned char* bytes, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

}  // namespace

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    throw std::runtime_error("not enough memory to hash the password");
  }
  return out;
}

bool verify_password(const std::string& stored, std::string_view password) {
  ensure_sodium();
  if (stored.empty() || stored.size() >= crypto_pwhash_STRBYTES) return false;
  return crypto_pwhash_str_verify(stored.c_str(), password.data(), password.size()) == 0;
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> buffer(bytes);
  randombytes_buf(buffer.data(), buffer.size());
  return to_hex(buffer.data(), buffer.size());
}

std::string digest_hex(std::string_view text, std::string_view key) {
  ensure_sodium();
  unsigned char out[crypto_generichash_BYTES];
  // BLAKE2b takes keys of 16 to 64 bytes; a longer key is digested first.
  std::string key_bytes(key);
  if (key_bytes.size() > crypto_generichash_KEYBYTES_MAX) key_bytes = digest_hex(key_bytes);
  if (!key_bytes.empty() && key_bytes.size() < crypto_generichash_KEYBYTES_MIN) {
    key_bytes.resize(crypto_generichash_KEYBYTES_MIN, '\0');
  }
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                     key_bytes.empty() ? nullptr : reinterpret_cast<const unsigned char*>(key_bytes.data()),
                     key_bytes.size());
  return to_hex(out, sizeof out);
}

bool equal_in_constant_time(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace loaxa::web
