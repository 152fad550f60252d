#pragma once
// The checks a station import makes on the audio itself, written once for every place that
// takes audio in: the station's import (importer.hpp) and the hub's district bulletins
// (hub/mandate_commands.cpp, docs/MANDATES.md). A file the station would refuse is refused
// at the hub the same way, with the same ImportFailure, so both word it the same
// (wording/import_messages.hpp).
//
// Thread safety: reentrant; any thread.

#include "audio/analysis.hpp"
#include "library/import_error.hpp"

#include <filesystem>
#include <functional>

namespace loaxa::library {

// Refusals of the path before anything is read from it: missing, a folder or not a regular
// file, empty, not readable. Throws ImportError{bad_audio} naming `file`.
void check_audio_source(const std::filesystem::path& file);

// Decodes and measures `read_from` — `file` itself, or a copy of it already made — with the
// station's decoder and measures; refuses audio that does not decode (bad_audio) or is silent
// from start to end at `silence_threshold_dbfs` (silent). Refusals name `file`, as the
// operator named it. `progress` as in audio::AnalysisOptions; may be empty.
audio::Analysis measure_audio(const std::filesystem::path& file, const std::filesystem::path& read_from,
                              double silence_threshold_dbfs, std::function<void(double)> progress = {});

// Both, on `file`: exactly what an import checks of its audio.
audio::Analysis check_audio(const std::filesystem::path& file, double silence_threshold_dbfs,
                            std::function<void(double)> progress = {});

}  // namespace loaxa::library
