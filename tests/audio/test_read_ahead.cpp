#include "audio/analysis.hpp"
#include "audio/playback_source.hpp"
#include "audio/read_ahead.hpp"
#include "audio_test_support.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

using loaxa::audio::DecodeError;
using loaxa::audio::FrameSource;
using loaxa::audio::OutputFormat;
using loaxa::audio::PlaybackRequest;
using loaxa::audio::PlaybackSource;
using loaxa::audio::ReadAhead;

namespace {

// Stereo frames 0, 1, 2, … (both channels the frame's number), `total` of them, in blocks of
// `block` frames; the first read waits until open() so a test can hold the decoder back.
// After `fail_after` frames it throws, as a file breaking off part-way would.
class CountingSource final : public FrameSource {
 public:
  CountingSource(std::size_t total, bool start_open, std::size_t fail_after = SIZE_MAX)
      : total_(total), open_(start_open), fail_after_(fail_after) {}
  int channels() const noexcept override { return 2; }
  std::size_t read(std::span<float> out) override {
    {
      std::unique_lock lock(mutex_);
      opened_.wait(lock, [&] { return open_; });
    }
    if (next_ >= fail_after_) throw DecodeError(DecodeError::Kind::corrupt, "broken off");
    const std::size_t frames = std::min({out.size() / 2, total_ - next_, fail_after_ - next_});
    for (std::size_t f = 0; f < frames; ++f) out[2 * f] = out[2 * f + 1] = static_cast<float>(next_ + f);
    next_ += frames;
    return frames;
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    opened_.notify_all();
  }

 private:
  std::size_t total_;
  std::size_t next_ = 0;
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_;
  std::size_t fail_after_;
};

// Reads until ended(), as an audio thread would (a test may yield; the audio thread waits
// for its device instead). Returns every frame of audio, left channel.
std::vector<float> drain(ReadAhead& ahead, std::size_t block_frames) {
  std::vector<float> frames;
  std::vector<float> block(block_frames * static_cast<std::size_t>(ahead.channels()));
  while (!ahead.ended()) {
    const std::size_t got = ahead.read(block);
    for (std::size_t f = 0; f < got; ++f) frames.push_back(block[2 * f]);
    if (got == 0) std::this_thread::yield();
  }
  return frames;
}

}  // namespace

TEST_CASE("an empty read-ahead gives silence and counts an underrun instead of waiting", "[read-ahead]") {
  auto owned = std::make_unique<CountingSource>(10'000, false);
  CountingSource& source = *owned;
  ReadAhead ahead(std::move(owned), 4096);
  std::vector<float> block(256 * 2, 9.0f);
  CHECK(ahead.read(block) == 0);  // the decoder is held back: nothing is ready
  CHECK(std::all_of(block.begin(), block.end(), [](float v) { return v == 0.0f; }));
  CHECK(ahead.underruns() == 1);
  CHECK_FALSE(ahead.ended());

  source.open();
  const auto frames = drain(ahead, 97);
  REQUIRE(frames.size() == 10'000);
  for (std::size_t i = 0; i < frames.size(); ++i) REQUIRE(frames[i] == static_cast<float>(i));
  CHECK(ahead.failure() == nullptr);
}

TEST_CASE("the decoder and the audio thread move a long sequence intact through a small ring", "[read-ahead]") {
  ReadAhead ahead(std::make_unique<CountingSource>(500'000, true), 1024);
  std::vector<float> frames;
  std::thread consumer([&] { frames = drain(ahead, 61); });
  consumer.join();
  REQUIRE(frames.size() == 500'000);
  std::size_t wrong = 0;
  for (std::size_t i = 0; i < frames.size(); ++i)
    if (frames[i] != static_cast<float>(i)) ++wrong;
  CHECK(wrong == 0);
}

TEST_CASE("a decoding failure ends the read-ahead and is handed over", "[read-ahead]") {
  ReadAhead ahead(std::make_unique<CountingSource>(100'000, true, 3000), 1024);
  const auto frames = drain(ahead, 128);
  CHECK(frames.size() == 3000);
  REQUIRE(ahead.failure() != nullptr);
  CHECK_THROWS_AS(std::rethrow_exception(ahead.failure()), DecodeError);
}

TEST_CASE("a read-ahead can be dropped while its decoder waits on a full ring", "[read-ahead]") {
  // Never read: the decoder fills the ring and sleeps; the destructor must wake and join it.
  ReadAhead ahead(std::make_unique<CountingSource>(1'000'000, true), 1024);
  CHECK(ahead.channels() == 2);
}

TEST_CASE("a segment played through the read-ahead is the segment played directly", "[read-ahead]") {
  loaxa::audio::test::TempDir dir;
  loaxa::test::write_tone_wav(dir / "tone.wav", loaxa::test::ToneSpec{.sample_rate = 44100, .tone_s = 1.0});
  const PlaybackRequest request{dir / "tone.wav", 0, 1000, 0.5};
  PlaybackSource direct(request, OutputFormat{48000, 2});
  std::vector<float> expected(direct.expected_frames() * 2 + 1024);
  expected.resize(direct.read(expected) * 2);

  ReadAhead ahead(std::make_unique<PlaybackSource>(request, OutputFormat{48000, 2}), 4096);
  std::vector<float> left = drain(ahead, 480);
  REQUIRE(left.size() * 2 == expected.size());
  for (std::size_t f = 0; f < left.size(); ++f) REQUIRE(left[f] == expected[2 * f]);
}

TEST_CASE("the decoder refills half a ring at a time, not a block per read", "[read-ahead]") {
  // 500 000 frames through a ring of 8192 frames, read 61 frames at a time: the decoder may
  // sleep on a full ring only once per half ring it is given back (4096 frames), not after
  // each of the ~8200 reads.
  ReadAhead ahead(std::make_unique<CountingSource>(500'000, true), 8192);
  std::vector<float> frames;
  std::thread consumer([&] { frames = drain(ahead, 61); });
  consumer.join();
  REQUIRE(frames.size() == 500'000);
  for (std::size_t i = 0; i < frames.size(); ++i) REQUIRE(frames[i] == static_cast<float>(i));
  CHECK(ahead.refill_waits() <= 500'000 / 4096 + 1);
}

TEST_CASE("a full ring is not refilled until half of it has been read", "[read-ahead]") {
  auto owned = std::make_unique<CountingSource>(1'000'000, true);
  ReadAhead ahead(std::move(owned), 8192);
  // Wait for the decoder to fill the ring and sleep.
  for (int i = 0; i < 2000 && ahead.refill_waits() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  REQUIRE(ahead.refill_waits() == 1);
  std::vector<float> block(1000 * 2);
  // Less than half the ring read: the decoder sleeps on.
  for (int i = 0; i < 3; ++i) CHECK(ahead.read(block) == 1000);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(ahead.refill_waits() == 1);
  // Past half: it wakes, refills the ring and sleeps again.
  for (int i = 0; i < 2; ++i) CHECK(ahead.read(block) == 1000);
  for (int i = 0; i < 2000 && ahead.refill_waits() == 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  CHECK(ahead.refill_waits() == 2);
  // Every frame still in order.
  const auto left = drain(ahead, 4096);
  REQUIRE(left.size() == 1'000'000 - 5000);
  CHECK(left.front() == 5000.0f);
  CHECK(left.back() == 999'999.0f);
}
