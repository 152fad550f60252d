#pragma once
// Writes what would be played into a WAV file, as fast as it is given: for the demo, for
// tests that listen to the result, and for an operator who wants to hear a programme
// without the amplifier.
//
// Thread safety: as Output (one audio thread; frames_consumed() from any thread).

#include "audio/output.hpp"

#include <atomic>
#include <cstdint>
#include <filesystem>

struct sf_private_tag;

namespace loaxa::audio {

enum class WavSampleFormat { pcm16, float32 };

class FileOutput final : public Output {
 public:
  // Nothing is created until open(); each open() truncates the file and starts again.
  explicit FileOutput(std::filesystem::path path, WavSampleFormat sample_format = WavSampleFormat::pcm16);
  ~FileOutput() override;
  FileOutput(const FileOutput&) = delete;
  FileOutput& operator=(const FileOutput&) = delete;

  void open(const OutputFormat& format) override;
  void write(std::span<const float> samples) override;
  // Flushes to the file system.
  void drain() override;
  void close() noexcept override;
  // Frames written to the file.
  std::uint64_t frames_consumed() const noexcept override;
  // As if the file were a device playing in real time from open(): open time + frames /
  // rate. The file is written as fast as it is given, so whoever wants real time paces it.
  Pacer::Clock::time_point next_frame_time() const noexcept override;

 private:
  std::filesystem::path path_;
  WavSampleFormat sample_format_;
  sf_private_tag* file_ = nullptr;
  int channels_ = 0;
  int sample_rate_ = 0;
  Pacer::Clock::time_point opened_at_{};
  std::atomic<std::uint64_t> frames_{0};
};

}  // namespace loaxa::audio
