#include "wording/import_messages.hpp"

#include "common/dates.hpp"
#include "common/i18n.hpp"

namespace loaxa::wording {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string reason(const library::ImportFailure& f) {
  using Kind = library::ImportFailure::Kind;
  switch (f.kind) {
    case Kind::unknown_category:
      return trf("unknown category '{}'. Known categories: {}. Add one with: loaxa category add CODE --name NAME",
                 f.category, joined(f.known_categories));
    case Kind::validity_reversed:
      return trf("the end of validity {} is before its start {}",
                 f.valid_until ? display_date(*f.valid_until) : std::string("?"),
                 f.valid_from ? display_date(*f.valid_from) : std::string("?"));
    case Kind::bad_audio:
      return f.decode ? describe_decode(*f.decode, f.detail) : f.detail;
    case Kind::silent:
      return trf("it is silence from start to end (nothing louder than {} dBFS). Check the recording.",
                 f.silence_threshold_dbfs);
    case Kind::copy_failed:
      return trf("copying into the library failed: {}", f.detail);
    case Kind::database_failed:
      return trf("recording it in the database failed: {}", f.detail);
    case Kind::busy:
      return tr("the library is busy with another import, removal or the station itself. Try again in a moment.");
  }
  return f.detail;
}

}  // namespace

std::string describe(const library::ImportFailure& failure) {
  return trf("Cannot import {}: {}", failure.file.string(), reason(failure));
}

std::string describe(const library::ImportError& error) {
  return describe(error.failure());
}

std::string describe(const audio::DecodeError& error) {
  return describe_decode(error.kind(), error.detail());
}

std::string describe_decode(audio::DecodeError::Kind kind, const std::string& detail) {
  using Kind = audio::DecodeError::Kind;
  switch (kind) {
    case Kind::missing:
      return tr("the file does not exist. Check the path and the file name.");
    case Kind::unreadable:
      return trf("the file cannot be read ({}). Check that it is a file and that you may read it.", detail);
    case Kind::empty:
      return tr("the file is empty (0 bytes). Copy it again from the source.");
    case Kind::not_audio:
      return tr("this is not an audio file loaxa can read (WAV, MP3, FLAC, Ogg). Convert it or ask for the original.");
    case Kind::no_audio:
      return tr("the file has an audio header but no sound in it. Ask for the file again.");
    case Kind::bad_format:
      return trf("the audio parameters are impossible ({}). The file is damaged; ask for it again.", detail);
    case Kind::corrupt:
      return trf("the audio is truncated or damaged ({}). It would stop or crackle on air; ask for the file again.",
                 detail);
  }
  return detail;
}

}  // namespace loaxa::wording
