#include "library/audio_check.hpp"

#include "common/i18n.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace loaxa::library {
namespace {

[[noreturn]] void refuse_audio(const std::filesystem::path& file, const audio::DecodeError& e) {
  ImportFailure f;
  f.kind = ImportFailure::Kind::bad_audio;
  f.file = file;
  f.detail = e.detail();
  f.decode = e.kind();
  throw ImportError(std::move(f));
}

// Cheap checks on the path before anything is copied, so the message names the real cause.
void check_path(const std::filesystem::path& file) {
  struct stat info {};
  if (::stat(file.c_str(), &info) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) throw audio::DecodeError(audio::DecodeError::Kind::missing, file.string());
    throw audio::DecodeError(audio::DecodeError::Kind::unreadable, std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) throw audio::DecodeError(audio::DecodeError::Kind::unreadable, tr("it is a folder"));
  if (!S_ISREG(info.st_mode)) throw audio::DecodeError(audio::DecodeError::Kind::unreadable, tr("not a regular file"));
  if (info.st_size == 0) throw audio::DecodeError(audio::DecodeError::Kind::empty, file.string());
  // Permissions are the operator's to fix: say so, rather than "copying failed" later.
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw audio::DecodeError(audio::DecodeError::Kind::unreadable, std::strerror(errno));
  ::close(fd);
}

}  // namespace

void check_audio_source(const std::filesystem::path& file) {
  try {
    check_path(file);
  } catch (const audio::DecodeError& e) {
    refuse_audio(file, e);
  }
}

audio::Analysis measure_audio(const std::filesystem::path& file, const std::filesystem::path& read_from,
                              double silence_threshold_dbfs, std::function<void(double)> progress) {
  audio::Analysis analysis;
  try {
    analysis = audio::analyze_file(read_from, {silence_threshold_dbfs, std::move(progress)});
  } catch (const audio::DecodeError& e) {
    refuse_audio(file, e);
  }
  if (analysis.silent()) {
    ImportFailure f;
    f.kind = ImportFailure::Kind::silent;
    f.file = file;
    f.silence_threshold_dbfs = silence_threshold_dbfs;
    throw ImportError(std::move(f));
  }
  return analysis;
}

audio::Analysis check_audio(const std::filesystem::path& file, double silence_threshold_dbfs,
                            std::function<void(double)> progress) {
  check_audio_source(file);
  return measure_audio(file, file, silence_threshold_dbfs, std::move(progress));
}

}  // namespace loaxa::library
