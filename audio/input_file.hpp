#pragma once
// The file being imported, opened once: every later check (libsndfile, header inspection)
// reads through this descriptor, so the file cannot change between the checks.
//
// Thread safety: read_at() may be called from any thread (pread does not move the offset).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>

namespace loaxa::audio {

class InputFile {
 public:
  // Throws DecodeError (missing, unreadable, empty).
  explicit InputFile(const std::filesystem::path& path);
  ~InputFile();
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;

  int fd() const noexcept { return fd_; }
  std::int64_t size() const noexcept { return size_; }
  const std::filesystem::path& path() const noexcept { return path_; }

  // Reads up to out.size() bytes at offset; returns the count read (short at end of file).
  std::size_t read_at(std::int64_t offset, std::span<std::byte> out) const noexcept;

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::int64_t size_ = 0;
};

}  // namespace loaxa::audio
