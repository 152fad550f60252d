#pragma once
// The Range header of a browser's <audio> (RFC 9110 §14): one byte range of a stored file,
// so the player can seek and show the length before all of it arrived. Several ranges in
// one header are answered with the whole file (allowed, and no browser player asks for it).
//
// Pure functions; safe from any thread.

#include <cstdint>
#include <string_view>
#include <variant>

namespace loaxa::console {

struct WholeFile {};      // no Range header, or one this answer may ignore: 200
struct Unsatisfiable {};  // a range wholly past the end: 416
struct ByteRange {        // 206, bytes first..last inclusive
  std::uint64_t first = 0;
  std::uint64_t last = 0;
};

using RangeAnswer = std::variant<WholeFile, Unsatisfiable, ByteRange>;

// `header`: the Range header's value ("" when absent); `size`: the file's length in bytes.
RangeAnswer parse_range(std::string_view header, std::uint64_t size);

}  // namespace loaxa::console
