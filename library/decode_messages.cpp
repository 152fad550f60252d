#include "library/decode_messages.hpp"

#include "common/i18n.hpp"

namespace loaxa::library {

std::string describe(const audio::DecodeError& error) {
  using Kind = audio::DecodeError::Kind;
  switch (error.kind()) {
    case Kind::missing:
      return tr("the file does not exist. Check the path and the file name.");
    case Kind::unreadable:
      return trf("the file cannot be read ({}). Check that it is a file and that you may read it.", error.detail());
    case Kind::empty:
      return tr("the file is empty (0 bytes). Copy it again from the source.");
    case Kind::not_audio:
      return tr("this is not an audio file loaxa can read (WAV, MP3, FLAC, Ogg). Convert it or ask for the original.");
    case Kind::no_audio:
      return tr("the file has an audio header but no sound in it. Ask for the file again.");
    case Kind::bad_format:
      return trf("the audio parameters are impossible ({}). The file is damaged; ask for it again.", error.detail());
    case Kind::corrupt:
      return trf("the audio is truncated or damaged ({}). It would stop or crackle on air; ask for the file again.",
                 error.detail());
  }
  return error.what();
}

}  // namespace loaxa::library
