#pragma once
// CLI11 reports command-line mistakes in English; operators get them in their language.

#include <CLI/Error.hpp>

#include <string>

namespace loaxa::cli {

// A translated one-line message for a CLI11 parse error (not for help/version requests).
std::string describe(const CLI::ParseError& error);

}  // namespace loaxa::cli
