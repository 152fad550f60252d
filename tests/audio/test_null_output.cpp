#include "audio/null_output.hpp"
#include "audio/output_error.hpp"
#include "fake_pacer.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

using loaxa::audio::NullOutput;
using loaxa::audio::OutputError;
using loaxa::audio::OutputFormat;
using loaxa::audio::test::FakePacer;
using namespace std::chrono_literals;

TEST_CASE("the null output consumes one second of frames in one second of its clock", "[output][null]") {
  FakePacer pacer;
  NullOutput output(pacer);
  output.open(OutputFormat{48000, 2});
  const auto start = pacer.now();
  const std::vector<float> block(480 * 2, 0.25f);  // 10 ms
  for (int i = 0; i < 100; ++i) output.write(block);
  output.drain();
  CHECK(output.frames_consumed() == 48000);
  CHECK(pacer.now() - start == 1s);
  CHECK(output.next_frame_time() - start == 1s);  // nothing buffered: heard when due
  REQUIRE(pacer.deadlines.size() == 100);
  // Each write waits for the end of its own block.
  for (std::size_t i = 0; i < pacer.deadlines.size(); ++i)
    CHECK(pacer.deadlines[i] - start == std::chrono::milliseconds(10 * static_cast<int>(i + 1)));
}

TEST_CASE("late wake-ups do not push later deadlines: the pace does not drift", "[output][null]") {
  FakePacer pacer(3ms);  // every wake-up 3 ms late
  NullOutput output(pacer);
  output.open(OutputFormat{44100, 1});
  const auto start = pacer.now();
  const std::vector<float> block(441, 0.0f);  // 10 ms at 44.1 kHz
  for (int i = 0; i < 50; ++i) output.write(block);
  CHECK(pacer.deadlines.back() - start == 500ms);
  CHECK(output.frames_consumed() == 50 * 441);
}

TEST_CASE("due times are exact over a month of frames", "[output][null]") {
  FakePacer pacer;
  NullOutput output(pacer);
  output.open(OutputFormat{48000, 2});
  const auto start = pacer.now();
  const std::uint64_t month = 48000ULL * 86400ULL * 31ULL;
  CHECK(output.due(month) - start == std::chrono::hours(24 * 31));
  CHECK(output.due(month + 24) - start == std::chrono::hours(24 * 31) + 500us);
}

TEST_CASE("the null output refuses misuse with typed errors", "[output][null]") {
  FakePacer pacer;
  NullOutput output(pacer);
  const std::vector<float> three(3, 0.0f);
  auto kind_of = [](auto&& action) {
    try {
      action();
    } catch (const OutputError& e) {
      return e.kind();
    }
    FAIL("no OutputError");
    return OutputError::Kind::bad_spec;
  };
  CHECK(kind_of([&] { output.write(three); }) == OutputError::Kind::not_open);
  CHECK(kind_of([&] { output.drain(); }) == OutputError::Kind::not_open);
  CHECK(kind_of([&] { output.open(OutputFormat{0, 2}); }) == OutputError::Kind::bad_format);
  output.open(OutputFormat{48000, 2});
  CHECK(kind_of([&] { output.open(OutputFormat{48000, 2}); }) == OutputError::Kind::already_open);
  CHECK(kind_of([&] { output.write(three); }) == OutputError::Kind::bad_block);
  CHECK(output.frames_consumed() == 0);
  output.close();
  output.close();
  // A second stream counts from zero again.
  output.open(OutputFormat{48000, 1});
  output.write(three);
  CHECK(output.frames_consumed() == 3);
}
