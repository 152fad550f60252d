#include "console/form_changes.hpp"

#include <charconv>

namespace loaxa::console {

std::string form_value(const Form& form, const std::string& name) {
  const auto found = form.find(name);
  return found == form.end() ? std::string() : found->second;
}

std::optional<std::int64_t> form_positive(const Form& form, const std::string& name) {
  const auto text = form_value(form, name);
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

void ask_daemon_to_replan(const Visit& visit) {
  try {
    (void)visit.context.daemon.reload();
  } catch (const std::exception&) {
  }
}

int schedule_refusal_status(const station::StationError& error) {
  using Kind = station::StationError::Kind;
  switch (error.kind) {
    case Kind::no_such_slot:
    case Kind::no_such_holiday:
    case Kind::no_such_mandate:
      return 404;
    default:
      return 400;
  }
}

}  // namespace loaxa::console
