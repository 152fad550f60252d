#include "daemon/log.hpp"

#include "common/i18n.hpp"

namespace loaxa::daemon {

Log::Log(const Clock& clock, std::ostream& out, std::chrono::milliseconds repeat_window, bool priority_prefix)
    : clock_(clock), out_(out), window_(repeat_window), priority_prefix_(priority_prefix) {}

void Log::write(LogLevel level, std::string_view domain, const std::string& text) {
  const Instant now = clock_.now();
  if (level != LogLevel::info) last_problem_ = Problem{now, std::string(domain), text};
  auto key = std::make_pair(std::string(domain), text);
  auto found = seen_.find(key);
  if (found != seen_.end() && now - found->second.last_written < window_) {
    ++found->second.held_back;
    ++held_back_total_;
    return;
  }
  if (priority_prefix_) out_ << '<' << static_cast<int>(level) << '>';
  out_ << "loaxad[" << domain << "]: " << text;
  if (found != seen_.end() && found->second.held_back > 0) {
    out_ << " " << trf("(repeated {} more times)", found->second.held_back);
  }
  out_ << std::endl;
  if (found == seen_.end()) {
    // Forget lines not seen for a while, so months of distinct messages do not grow the map.
    if (seen_.size() > 1000) seen_.clear();
    seen_.emplace(std::move(key), Seen{now, 0});
  } else {
    found->second = Seen{now, 0};
  }
}

}  // namespace loaxa::daemon
