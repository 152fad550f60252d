// The envelope follower: one RMS level of the mono mix per 10 ms block, at any rate and
// channel count, in any chunking, through a fixed ring that keeps its timing when it overflows.

#include "proof/envelope_follower.hpp"
#include "proof_test_support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdlib>
#include <new>

using namespace loaxa::proof;
using namespace loaxa::proof::test;

// Every allocation in this test program is counted, so a test can show that add() makes none.
// Under AddressSanitizer a replaced operator new would fight ASan's own allocator (memory
// from one freed by the other): there the count is left to the other builds.
namespace {
std::size_t allocations = 0;
#if defined(__SANITIZE_ADDRESS__)
constexpr bool kCounting = false;
#else
constexpr bool kCounting = true;
#endif
}  // namespace

#if !defined(__SANITIZE_ADDRESS__)
void* operator new(std::size_t size) {
  ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* operator new[](std::size_t size) {
  return operator new(size);
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete[](void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}
void operator delete[](void* p, std::size_t) noexcept {
  std::free(p);
}
#endif

TEST_CASE("add() allocates nothing, even when the ring overflows", "[proof][envelope]") {
  const Audio speech = load(segment("cds-04-vbr.mp3"));
  REQUIRE(speech.channels == 1);
  EnvelopeFollower follower(1, speech.sample_rate, 10, 64);
  const std::span<const float> samples(speech.samples);
  const std::size_t before = allocations;
  std::size_t fed = 0;
  for (; fed + 256 <= samples.size(); fed += 256) follower.add(samples.subspan(fed, 256));
  if (kCounting) CHECK(allocations - before == 0);
  std::vector<float> levels;
  follower.drain(levels);
  CHECK(levels.size() == 64);  // 39 s into a ring of 0.64 s
  // The loss is announced with the next block completed after the drain.
  const std::vector<float> more(480, 0.5f);
  follower.add(more);
  follower.drain(levels);
  CHECK(levels.size() == fed / 480 + 1);
  CHECK(follower.lost_blocks() == static_cast<std::int64_t>(fed / 480 - 64));
}

TEST_CASE("a sine's level is its RMS, one block per 10 ms, at 22.05, 44.1 and 48 kHz", "[proof][envelope]") {
  const int rate = GENERATE(22050, 44100, 48000);
  CAPTURE(rate);
  const Audio tone = sine(static_cast<std::size_t>(rate) * 3, rate, 1000, -12);  // 3 s
  const std::vector<float> levels = envelope(tone, 333);
  CHECK(levels.size() == 300);
  const double rms = std::pow(10.0, -12 / 20.0) / std::sqrt(2.0);
  for (const float level : levels) REQUIRE(level == Approx(rms).epsilon(0.02));
}

TEST_CASE("a stereo programme's envelope is its mono mix's", "[proof][envelope]") {
  const Audio stereo = load(segment("cchc-01-mot-cua.flac"));
  REQUIRE(stereo.channels == 2);
  const std::vector<float> a = envelope(stereo);
  const std::vector<float> b = envelope(mono(stereo));
  REQUIRE(a.size() == b.size());
  REQUIRE(a.size() == stereo.frames() / 480);
  for (std::size_t i = 0; i < a.size(); ++i) REQUIRE(a[i] == Approx(b[i]).margin(1e-6));
}

TEST_CASE("channels in antiphase cancel in the mono mix", "[proof][envelope]") {
  Audio stereo{{}, 2, 48000};
  const Audio tone = sine(48000, 48000, 440, -6);
  for (const float s : tone.samples) stereo.samples.insert(stereo.samples.end(), {s, -s});
  for (const float level : envelope(stereo)) REQUIRE(level == Approx(0).margin(1e-7));
}

TEST_CASE("the same speech at 44.1 and 48 kHz gives the same envelope", "[proof][envelope]") {
  const Audio at48 = mono(load(segment("cds-04-vbr.mp3")));
  const std::vector<float> a = envelope(at48);
  const std::vector<float> b = envelope(resampled(at48, 44100));
  REQUIRE(std::llabs(static_cast<long long>(a.size()) - static_cast<long long>(b.size())) <= 1);
  int close = 0, loud = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] < 0.003f) continue;  // -50 dBFS
    ++loud;
    close += std::abs(20 * std::log10(a[i] / std::max(b[i], 1e-10f))) < 1.0;
  }
  CHECK(close >= loud * 95 / 100);
}

TEST_CASE("the envelope does not depend on how the frames are chunked", "[proof][envelope]") {
  const Audio sent = load(segment("nhac-hieu.wav"));
  const std::vector<float> whole = envelope(sent, sent.frames());
  const std::size_t chunk = GENERATE(1, 7, 480, 1000);
  CAPTURE(chunk);
  const std::vector<float> chunked = envelope(sent, chunk);
  REQUIRE(chunked.size() == whole.size());
  for (std::size_t i = 0; i < whole.size(); ++i) REQUIRE(chunked[i] == Approx(whole[i]).margin(1e-6));
}

TEST_CASE("a full ring drops blocks but keeps their places as zeros", "[proof][envelope]") {
  EnvelopeFollower follower(1, 48000, 10, 8);
  const Audio loud = sine(480 * 20, 48000, 1000, -6);  // 20 blocks into a ring of 8
  follower.add(loud.samples);
  std::vector<float> levels;
  follower.drain(levels);
  CHECK(levels.size() == 8);
  const Audio more = sine(480 * 3, 48000, 1000, -6);
  follower.add(more.samples);
  follower.drain(levels);
  REQUIRE(levels.size() == 23);  // 8 kept, 12 lost, 3 more (the marker took no block's place)
  CHECK(follower.lost_blocks() == 12);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    CAPTURE(i);
    if (i >= 8 && i < 20)
      CHECK(levels[i] == 0);
    else
      CHECK(levels[i] > 0.3f);
  }
}

TEST_CASE("nonsense construction is refused", "[proof][envelope]") {
  CHECK_THROWS_AS(EnvelopeFollower(0, 48000), std::invalid_argument);
  CHECK_THROWS_AS(EnvelopeFollower(2, 0), std::invalid_argument);
  CHECK_THROWS_AS(EnvelopeFollower(2, 48000, 0), std::invalid_argument);
}
