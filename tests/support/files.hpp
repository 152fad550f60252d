#pragma once
// Whole-file reads and writes for tests that craft or damage files byte by byte.

#include <filesystem>
#include <string>

namespace loaxa::test {

void write_bytes(const std::filesystem::path& path, const std::string& bytes);
std::string read_bytes(const std::filesystem::path& path);

}  // namespace loaxa::test
