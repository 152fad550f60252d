#pragma once
// Replacing a file so that a reader, a crash or a power cut sees either the old content or
// the whole new one, never half.

#include <filesystem>
#include <string_view>

namespace loaxa {

// Writes `content` to a temporary file beside `file`, fsyncs it and renames it over `file`.
// Throws std::system_error with the errno of the failing step; no temporary is left behind.
void write_file_atomically(const std::filesystem::path& file, std::string_view content);

}  // namespace loaxa
