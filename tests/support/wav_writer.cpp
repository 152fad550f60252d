#include "support/wav_writer.hpp"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace loaxa::test {
namespace {

void put16(std::vector<char>& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}

void put32(std::vector<char>& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace

void write_tone_wav(const std::filesystem::path& file, const ToneSpec& spec) {
  auto frames_of = [&](double seconds) { return static_cast<std::int64_t>(std::llround(seconds * spec.sample_rate)); };
  const std::int64_t lead = frames_of(spec.leading_silence_s);
  const std::int64_t tone = frames_of(spec.tone_s);
  const std::int64_t total = lead + tone + frames_of(spec.trailing_silence_s);
  const double amplitude = std::pow(10.0, spec.peak_dbfs / 20.0) * 32767.0;
  const auto data_bytes = static_cast<std::uint32_t>(total * spec.channels * 2);

  std::vector<char> out;
  out.insert(out.end(), {'R', 'I', 'F', 'F'});
  put32(out, 36 + data_bytes);
  out.insert(out.end(), {'W', 'A', 'V', 'E', 'f', 'm', 't', ' '});
  put32(out, 16);
  put16(out, 1);
  put16(out, static_cast<std::uint16_t>(spec.channels));
  put32(out, static_cast<std::uint32_t>(spec.sample_rate));
  put32(out, static_cast<std::uint32_t>(spec.sample_rate * spec.channels * 2));
  put16(out, static_cast<std::uint16_t>(spec.channels * 2));
  put16(out, 16);
  out.insert(out.end(), {'d', 'a', 't', 'a'});
  put32(out, data_bytes);
  for (std::int64_t i = 0; i < total; ++i) {
    double value = 0;
    if (i >= lead && i < lead + tone) {
      value = amplitude *
              std::sin(2 * std::numbers::pi * spec.frequency_hz * static_cast<double>(i - lead) / spec.sample_rate);
    }
    auto sample = static_cast<std::int16_t>(std::lround(value));
    for (int c = 0; c < spec.channels; ++c) put16(out, static_cast<std::uint16_t>(sample));
  }
  std::ofstream stream(file, std::ios::binary | std::ios::trunc);
  stream.write(out.data(), static_cast<std::streamsize>(out.size()));
  if (!stream) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace loaxa::test
