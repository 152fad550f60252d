#pragma once
// The typed failure of an output. It carries facts (what, which spec or file, the library's
// own words), not operator text: the front end chooses the words from kind().
//
// Thread safety: an immutable value.

#include <stdexcept>
#include <string>

namespace loaxa::audio {

class OutputError : public std::runtime_error {
 public:
  enum class Kind {
    bad_spec,      // the output spec text does not parse (target() is the text)
    not_built,     // a backend this build does not contain (target() names it)
    bad_format,    // a sample rate or channel count the output cannot take
    open_failed,   // the device or file could not be opened (target() names it)
    already_open,  // open() on a stream already open
    not_open,      // write() or drain() without an open stream
    bad_block,     // a block that is not whole frames
    write_failed,  // the device or file refused frames (target() names it)
  };
  // target: the spec, device or file concerned; detail: the library's or system's words.
  OutputError(Kind kind, std::string target, std::string detail = {});
  Kind kind() const noexcept { return kind_; }
  const std::string& target() const noexcept { return target_; }
  const std::string& detail() const noexcept { return detail_; }

 private:
  Kind kind_;
  std::string target_;
  std::string detail_;
};

// A stable lower-case name for logs and JSON ("bad_spec", …).
const char* to_string(OutputError::Kind kind) noexcept;

}  // namespace loaxa::audio
