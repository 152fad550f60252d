#pragma once
// Request signing, protocol v1 (docs/HUB.md): a station signs each request with
// HMAC-SHA256 under its 32-byte key over the method, path, timestamp, nonce and the body's
// SHA-256; the hub recomputes it and compares in constant time. Pure; any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::wire {

// "loaxa-req/1\n" METHOD "\n" PATH "\n" TIMESTAMP "\n" NONCE "\n" hex(SHA-256(body))
std::string string_to_sign(std::string_view method, std::string_view path, std::string_view timestamp,
                           std::string_view nonce, std::string_view body);

// Lowercase hex HMAC-SHA256 of `message` under `key`.
std::string hmac_sha256_hex(const std::vector<std::uint8_t>& key, std::string_view message);
std::string sha256_hex(std::string_view data);

// The X-Loaxa-Signature a request must carry.
std::string sign_request(const std::vector<std::uint8_t>& key, std::string_view method, std::string_view path,
                         std::string_view timestamp, std::string_view nonce, std::string_view body);

// Whether `signature` is the request's signature; constant time in its content.
bool signature_matches(const std::vector<std::uint8_t>& key, std::string_view method, std::string_view path,
                       std::string_view timestamp, std::string_view nonce, std::string_view body,
                       std::string_view signature);

// The same, given hex(SHA-256(body)) (sha256_hex) instead of the body: the hub hashes a body
// on its event-loop thread, ahead of the check on its writer thread.
bool signature_matches_digest(const std::vector<std::uint8_t>& key, std::string_view method, std::string_view path,
                              std::string_view timestamp, std::string_view nonce, std::string_view body_sha256_hex,
                              std::string_view signature);

// The hub's signature on an answer that orders a station (the mandates list, docs/MANDATES.md):
// hex(HMAC-SHA256(key, "loaxa-resp/1\n" NONCE "\n" hex(SHA-256(body)))), NONCE being the
// request's, so an answer cannot be forged or replayed to another request. Sent as
// X-Loaxa-Response-Signature.
std::string response_signature(const std::vector<std::uint8_t>& key, std::string_view nonce, std::string_view body);
// Constant time in its content.
bool response_signature_matches(const std::vector<std::uint8_t>& key, std::string_view nonce, std::string_view body,
                                std::string_view signature);

// `count` bytes from OpenSSL's CSPRNG. Throws std::runtime_error when it fails.
std::vector<std::uint8_t> random_bytes(std::size_t count);

std::string to_hex(const std::vector<std::uint8_t>& bytes);
// Exactly `bytes` bytes as lowercase hex, else nullopt.
std::optional<std::vector<std::uint8_t>> from_hex(std::string_view hex, std::size_t bytes);
// `length` characters, each 0-9 or a-f.
bool is_lower_hex(std::string_view text, std::size_t length) noexcept;

// A decimal Unix time as sent in X-Loaxa-Timestamp: 1 to 12 digits, no sign.
std::optional<std::int64_t> parse_timestamp(std::string_view text) noexcept;

}  // namespace loaxa::wire
