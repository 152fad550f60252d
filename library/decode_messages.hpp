#pragma once
// Operator messages for files the library refuses.

#include "audio/analysis.hpp"

#include <string>

namespace loaxa::library {

// Why a file was refused and what to do, translated, e.g. "the file is empty (0 bytes).
// Copy it again from the source."
std::string describe(const audio::DecodeError& error);

}  // namespace loaxa::library
