#pragma once
// The file name a browser gives with an upload (?name=…) becomes a file in a folder of the
// station's, so only a plain name is taken: no folder part, no way out of the folder, nothing
// a file system refuses or a terminal misprints.
//
// Pure functions; safe from any thread.

#include <optional>
#include <string_view>

namespace loaxa::console {

enum class UploadNameProblem {
  empty,     // no name, or only spaces
  too_long,  // more than 255 bytes (the longest name ext4 stores)
  path,      // a '/' or '\', or "." / ".." (a folder, not a file)
  control,   // NUL or another control character
  encoding,  // not UTF-8
};

inline constexpr std::size_t kMaxUploadNameBytes = 255;

// nullopt when `name` may be used as it is.
std::optional<UploadNameProblem> upload_name_problem(std::string_view name);

}  // namespace loaxa::console
