#pragma once
// The dashboard's secrets through libsodium (kept inside password_hash.cpp): passwords as
// crypto_pwhash strings (Argon2id, salted, with its cost inside the string), random session
// tokens, the digests that the database keeps instead of the tokens, and comparisons in
// constant time.
//
// Cost: OPSLIMIT_INTERACTIVE and MEMLIMIT_INTERACTIVE (64 MiB, about 0.1 s on the hub's
// class of machine) — slow enough that a stolen database does not give the passwords away
// quickly, fast enough for a login. The server runs it off its io thread (dashboard.hpp).
//
// Thread safety: every function may be called from any thread.

#include <cstddef>
#include <string>
#include <string_view>

namespace loaxa::web {

// The crypto_pwhash string of `password`. Throws std::runtime_error when libsodium cannot
// (out of memory).
std::string hash_password(std::string_view password);

// Whether `password` is the one `stored` (a hash_password string) was made from. False for
// a string that is not a crypto_pwhash string.
bool verify_password(const std::string& stored, std::string_view password);

// `bytes` random bytes from the system's generator, as lowercase hex.
std::string random_hex(std::size_t bytes);

// A 32-byte BLAKE2b digest of `text` (keyed when `key` is not empty), as lowercase hex.
std::string digest_hex(std::string_view text, std::string_view key = {});

// a == b without a timing that depends on where they differ (their lengths may leak).
bool equal_in_constant_time(std::string_view a, std::string_view b) noexcept;

}  // namespace loaxa::web
