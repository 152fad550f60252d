#pragma once
// A new password read the way `loaxa user add|passwd` and `loaxa-hub user add|passwd` read
// it: on a terminal, asked twice on stderr with the echo off (and back on whatever
// happens); otherwise the first two lines of standard input, how scripts and tests give it
// (a CR ending a line is not part of the password). The two must be the same.
//
// The main thread of a command-line program only: it reads std::cin and changes the
// terminal's settings. The rules on the password itself (its length) are the caller's.

#include <string>

namespace loaxa {

// Throws std::runtime_error with an operator message when standard input ends before two
// lines, or when the two differ ("The two passwords differ; nothing was changed.").
std::string read_new_password();

}  // namespace loaxa
