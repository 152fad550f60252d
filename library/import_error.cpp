#include "library/import_error.hpp"

#include "common/dates.hpp"

#include <fmt/format.h>

namespace loaxa::library {
namespace {

const char* decode_kind_text(audio::DecodeError::Kind kind) {
  using K = audio::DecodeError::Kind;
  switch (kind) {
    case K::missing:
      return "no such file";
    case K::unreadable:
      return "unreadable";
    case K::empty:
      return "empty file";
    case K::not_audio:
      return "not an audio file";
    case K::no_audio:
      return "no audio frames";
    case K::bad_format:
      return "impossible audio parameters";
    case K::corrupt:
      return "truncated or damaged audio";
  }
  return "bad audio";
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

std::string reason(const ImportFailure& f) {
  using K = ImportFailure::Kind;
  switch (f.kind) {
    case K::unknown_category:
      return fmt::format("unknown category '{}' (known: {})", f.category, joined(f.known_categories));
    case K::validity_reversed:
      return fmt::format("validity ends {} before it starts {}", f.valid_until ? iso_date(*f.valid_until) : "?",
                         f.valid_from ? iso_date(*f.valid_from) : "?");
    case K::bad_audio:
      return fmt::format("{} ({})", f.decode ? decode_kind_text(*f.decode) : "bad audio", f.detail);
    case K::silent:
      return fmt::format("silent throughout (nothing above {} dBFS)", f.silence_threshold_dbfs);
    case K::copy_failed:
      return fmt::format("copying into the library failed: {}", f.detail);
    case K::database_failed:
      return fmt::format("writing the database failed: {}", f.detail);
    case K::busy:
      return fmt::format("the library is busy: {}", f.detail);
  }
  return f.detail;
}

}  // namespace

std::string english_text(const ImportFailure& failure) {
  return fmt::format("cannot import {}: {}", failure.file.string(), reason(failure));
}

ImportError::ImportError(ImportFailure failure)
    : std::runtime_error(english_text(failure)), failure_(std::move(failure)) {}

}  // namespace loaxa::library
