#pragma once
// Operator messages for files the library refuses: what happened and what to do, in the
// operator's language (common/i18n). The library reports the reason as data
// (library::ImportFailure); the wording lives here, with the front end.
//
// Thread safety: after select_language(), from any thread. Never throws but std::bad_alloc.

#include "audio/analysis.hpp"
#include "library/import_error.hpp"

#include <string>

namespace loaxa::wording {

// "Cannot import FILE: REASON", e.g. "Cannot import a.wav: the file is empty (0 bytes). Copy
// it again from the source."
std::string describe(const library::ImportError& error);
std::string describe(const library::ImportFailure& failure);

// The reason alone, e.g. "the file is empty (0 bytes). Copy it again from the source."
std::string describe(const audio::DecodeError& error);
std::string describe_decode(audio::DecodeError::Kind kind, const std::string& detail);

}  // namespace loaxa::wording
