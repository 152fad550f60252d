#include "audio/sample_ring.hpp"

#include <catch2/catch.hpp>

#include <thread>
#include <vector>

using loaxa::audio::SampleRing;

TEST_CASE("the ring takes what fits, gives back in order, and wraps round", "[ring]") {
  SampleRing ring(5);
  REQUIRE(ring.capacity() == 8);
  const std::vector<float> six = {1, 2, 3, 4, 5, 6};
  CHECK(ring.push(six) == 6);
  CHECK(ring.push(six) == 2);  // full: only what fits
  CHECK(ring.writable() == 0);
  std::vector<float> out(5);
  CHECK(ring.pop(out) == 5);
  CHECK(out == std::vector<float>{1, 2, 3, 4, 5});
  CHECK(ring.push(six) == 5);  // across the end of the buffer
  std::vector<float> rest(16);
  CHECK(ring.pop(rest) == 8);
  CHECK(std::vector<float>(rest.begin(), rest.begin() + 8) == std::vector<float>{6, 1, 2, 1, 2, 3, 4, 5});
  CHECK(ring.pop(rest) == 0);  // empty: nothing, at once
  CHECK(ring.readable() == 0);
}

TEST_CASE("a producer and a consumer thread move a long sequence through the ring intact", "[ring]") {
  SampleRing ring(64);
  constexpr std::size_t total = 1'000'000;  // every value exact in float (< 2^24)
  std::thread producer([&] {
    std::vector<float> block(37);
    std::size_t next = 0;
    while (next < total) {
      const std::size_t n = std::min(block.size(), total - next);
      for (std::size_t i = 0; i < n; ++i) block[i] = static_cast<float>(next + i);
      std::size_t done = 0;
      while (done < n) {
        done += ring.push(std::span<const float>(block).subspan(done, n - done));
        if (done < n) std::this_thread::yield();
      }
      next += n;
    }
  });
  std::vector<float> out(23);
  std::size_t expected = 0;
  std::size_t wrong = 0;
  while (expected < total) {
    const std::size_t n = ring.pop(out);
    if (n == 0) std::this_thread::yield();
    for (std::size_t i = 0; i < n; ++i)
      if (out[i] != static_cast<float>(expected++)) ++wrong;
  }
  producer.join();
  CHECK(wrong == 0);
  CHECK(ring.readable() == 0);
}
