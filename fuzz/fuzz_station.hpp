#pragma once
// The hub the request fuzzer talks to, shared with the corpus generator so the seeds are
// signed for it and dated at its clock: one enabled station with a known key, one disabled
// station, a district bulletin addressed to the enabled one with its audio, a clock that
// stands still.

#include "common/clock.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace loaxa::fuzz {

inline constexpr const char* kStation = "xa-moi";
inline constexpr const char* kDisabledStation = "xa-cu";

// 2026-12-01T03:00:00Z, as X-Loaxa-Timestamp carries it.
inline constexpr std::int64_t kNowUnixSeconds = 1796094000;
inline Instant fuzz_now() {
  return Instant{std::chrono::seconds(kNowUnixSeconds)};
}

// 32 bytes 0x00..0x1f: the enabled station's key.
inline std::vector<std::uint8_t> station_key() {
  std::vector<std::uint8_t> key(32);
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i);
  return key;
}

// The hub's copy of the bulletin's audio: 2.5 pieces' worth would be slow to fuzz, so a few
// kilobytes of bytes that are not all alike (a wrong offset shows in the answer).
inline std::string mandate_audio() {
  std::string bytes(5000, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>((i * 131 + i / 251) & 0xff);
  return bytes;
}

// In the request fuzzer's input, bodies of the signed-body mode are separated by this byte
// (an ASCII record separator: never in valid JSON, so no valid body is cut).
inline constexpr char kBodySeparator = '\x1e';

// The first byte of an input picks how the rest is read (byte % 3).
enum class Mode {
  raw_http = 0,       // HTTP requests exactly as sent: the signature is checked as it is
  signed_http = 1,    // HTTP requests, each given the signature it needs
  signed_bodies = 2,  // bodies separated by kBodySeparator, each sent signed; a body
                      // starting with 'H' goes to /api/v1/heartbeat, 'L' to
                      // /api/v1/plan, 'M' to /api/v1/mandates, 'A' to
                      // /api/v1/mandate-audio, any other to /api/v1/plays (without its
                      // first byte)
};

}  // namespace loaxa::fuzz
