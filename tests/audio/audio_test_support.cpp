#include "audio_test_support.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace loaxa::audio::test {

void run(const std::string& command) {
  INFO(command);
  REQUIRE(std::system(command.c_str()) == 0);
}

std::string quoted(const std::filesystem::path& path) {
  std::string out = "'";
  for (char c : path.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

namespace {

std::string le(unsigned value, int bytes) {
  std::string out;
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((value >> (8 * i)) & 0xFFU);
  return out;
}

}  // namespace

std::string wav_bytes(unsigned channels, unsigned rate, unsigned bits, const std::string& data, unsigned data_size) {
  const unsigned block = channels * bits / 8;
  return "RIFF" + le(static_cast<unsigned>(36 + data.size()), 4) + "WAVE" + "fmt " + le(16, 4) + le(1, 2) +
         le(channels, 2) + le(rate, 4) + le(rate * block, 4) + le(block, 2) + le(bits, 2) + "data" + le(data_size, 4) +
         data;
}

std::vector<ManifestRow> read_manifest(const std::filesystem::path& tsv) {
  std::ifstream in(tsv);
  REQUIRE(in);
  std::string line;
  std::getline(in, line);
  REQUIRE(line.rfind("file\tcategory\tcontainer\tcodec\tsample_rate\tchannels\tduration_s\t"
                     "integrated_lufs\ttrue_peak_dbtp",
                     0) == 0);
  std::vector<ManifestRow> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::vector<std::string> f;
    std::stringstream fields(line);
    for (std::string field; std::getline(fields, field, '\t');) f.push_back(field);
    REQUIRE(f.size() >= 9);
    rows.push_back({f[0], std::stoi(f[4]), std::stoi(f[5]), std::stod(f[6]), std::stod(f[7]), std::stod(f[8])});
  }
  return rows;
}

namespace {

std::string output_of(const std::string& command) {
  INFO(command);
  FILE* pipe = ::popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::string out;
  char buf[4096];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, pipe)) > 0;) out.append(buf, n);
  REQUIRE(::pclose(pipe) == 0);
  return out;
}

// The value after the last occurrence of `label` in ffmpeg's ebur128 summary.
double summary_value(const std::string& summary, const std::string& label) {
  const auto at = summary.rfind(label);
  REQUIRE(at != std::string::npos);
  return std::stod(summary.substr(at + label.size()));
}

}  // namespace

FfmpegMeasure measure_with_ffmpeg(const std::filesystem::path& file, int channels, int sample_rate) {
  const auto bytes = std::stod(output_of("ffmpeg -v error -i " + quoted(file) + " -f s16le - | wc -c"));
  const auto summary =
      output_of("ffmpeg -nostats -hide_banner -i " + quoted(file) + " -af ebur128=peak=true -f null - 2>&1");
  return {bytes / 2 / channels / sample_rate, summary_value(summary, "I:"), summary_value(summary, "Peak:")};
}

std::filesystem::path shared_segments_dir() {
  std::filesystem::path dir;
  if (const char* env = std::getenv("LOAXA_SHARED_SEGMENTS"); env && *env)
    dir = env;
  else
    dir = std::filesystem::path(LOAXA_SOURCE_DIR) / ".." / "shared" / "data" / "segments";
  return std::filesystem::exists(dir / "MANIFEST.tsv") ? dir : std::filesystem::path();
}

void make_segments(const std::filesystem::path& dir) {
  run(quoted(std::filesystem::path(LOAXA_SOURCE_DIR) / "tests" / "fixtures" / "make-segments") + " " + quoted(dir));
}

}  // namespace loaxa::audio::test
