#include "audio/sndfile_source.hpp"

#include "audio/analysis.hpp"
#include "audio/input_file.hpp"
#include "audio/riff_header.hpp"
#include "common/i18n.hpp"

#include <fcntl.h>
#include <cerrno>
#include <cstring>

namespace loaxa::audio {
namespace {

using Kind = DecodeError::Kind;

// libsndfile reports a WAV header with zero channels or a zero rate only through
// private error numbers, so the header is read again to name the fault reliably.
std::string impossible_wav_parameters(const InputFile& file) {
  const auto riff = read_riff_facts(file);
  if (!riff) return {};
  if (riff->channels && *riff->channels == 0) return tr("the header declares zero channels");
  if (riff->sample_rate && *riff->sample_rate == 0) return tr("the header declares a zero sample rate");
  return {};
}

[[noreturn]] void throw_open_error(const InputFile& file) {
  if (auto fault = impossible_wav_parameters(file); !fault.empty()) throw DecodeError(Kind::bad_format, fault);
  // libsndfile keeps the last open failure in one process-wide variable: a concurrent
  // failing open may overwrite it, which can only change this wording, not the refusal.
  const int code = sf_error(nullptr);
  const std::string reason = sf_error_number(code);
  if (code == SF_ERR_MALFORMED_FILE) throw DecodeError(Kind::corrupt, trf("malformed header ({})", reason));
  throw DecodeError(Kind::not_audio, trf("not a supported audio file ({})", reason));
}

std::string format_info_name(int command, int format) {
  SF_FORMAT_INFO info{};
  info.format = format;
  if (sf_command(nullptr, command, &info, sizeof info) != 0 || info.name == nullptr) return "?";
  return info.name;
}

}  // namespace

SndfileSource::SndfileSource(const InputFile& file) : file_(file) {
  // libsndfile 1.2.0 closes the descriptor when an open fails even if told not to, so it
  // gets a duplicate of its own and InputFile's stays valid for the header checks.
  const int fd = ::fcntl(file.fd(), F_DUPFD_CLOEXEC, 0);
  if (fd < 0) throw DecodeError(Kind::unreadable, std::strerror(errno));
  sf_ = sf_open_fd(fd, SFM_READ, &info_, SF_TRUE);
  if (sf_ == nullptr) throw_open_error(file);
  if (info_.channels <= 0 || info_.samplerate <= 0) {
    sf_close(sf_);
    throw DecodeError(Kind::bad_format, trf("{} channels at {} Hz", info_.channels, info_.samplerate));
  }
}

SndfileSource::~SndfileSource() {
  sf_close(sf_);
}

std::string SndfileSource::format_name() const {
  return format_info_name(SFC_GET_FORMAT_INFO, info_.format & SF_FORMAT_TYPEMASK) + " / " +
         format_info_name(SFC_GET_FORMAT_INFO, info_.format & SF_FORMAT_SUBMASK);
}

std::string SndfileSource::title() const {
  const char* title = sf_get_string(sf_, SF_STR_TITLE);
  return title != nullptr ? title : "";
}

std::vector<int> SndfileSource::channel_map() const {
  std::vector<int> map(static_cast<std::size_t>(info_.channels));
  const auto bytes = static_cast<int>(map.size() * sizeof(int));
  if (sf_command(sf_, SFC_GET_CHANNEL_MAP_INFO, map.data(), bytes) != SF_TRUE) map.clear();
  return map;
}

std::size_t SndfileSource::read(std::span<float> out) {
  const auto frames = static_cast<sf_count_t>(out.size() / static_cast<std::size_t>(info_.channels));
  const sf_count_t got = sf_readf_float(sf_, out.data(), frames);
  // A decoder that fails part-way reports it here, not through a short count.
  if (const int code = sf_error(sf_); code != SF_ERR_NO_ERROR)
    throw DecodeError(Kind::corrupt, trf("decoding failed ({})", sf_strerror(sf_)));
  return got > 0 ? static_cast<std::size_t>(got) : 0;
}

}  // namespace loaxa::audio
