#include "common/password_prompt.hpp"

#include "common/i18n.hpp"

#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <stdexcept>

namespace loaxa {
namespace {

// Echo off while a password is typed; back on whatever happens.
class NoEcho {
 public:
  NoEcho() {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0) return;
    termios quiet = saved_;
    quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~NoEcho() {
    if (active_) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  NoEcho(const NoEcho&) = delete;
  NoEcho& operator=(const NoEcho&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

std::string read_line(const char* prompt, bool terminal) {
  std::string line;
  if (terminal) {
    std::cerr << prompt << std::flush;
    NoEcho quiet;
    std::getline(std::cin, line);
    std::cerr << '\n';
  } else {
    std::getline(std::cin, line);
  }
  if (!std::cin) {
    throw std::runtime_error(
        tr("The password is missing: type it twice, or give it on the first two lines of standard input."));
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

std::string read_new_password() {
  const bool terminal = ::isatty(STDIN_FILENO) == 1;
  const auto first = read_line(tr("New password: "), terminal);
  const auto second = read_line(tr("The same password again: "), terminal);
  if (first != second) throw std::runtime_error(tr("The two passwords differ; nothing was changed."));
  return first;
}

}  // namespace loaxa
