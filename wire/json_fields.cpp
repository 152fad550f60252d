#include "wire/json_fields.hpp"

#include "store/utc_text.hpp"

#include <algorithm>

namespace loaxa::wire {

std::optional<schedules::UtcTime> canonical_instant(std::string_view text) {
  try {
    const auto at = store::parse_utc_text(text);
    if (store::utc_text(at) != text) return std::nullopt;
    return at;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Fields::Fields(const nlohmann::json& object, std::string what) : object_(object), what_(std::move(what)) {
  if (!object_.is_object()) throw BodyError("wrong_type", what_ + " is not a JSON object");
}

void Fields::only(const std::vector<std::string>& names) const {
  for (const auto& [key, value] : object_.items()) {
    if (std::find(names.begin(), names.end(), key) == names.end()) {
      throw BodyError("unknown_field", what_ + ": unknown field '" + key + "'");
    }
  }
  for (const auto& name : names) at(name);
}

const nlohmann::json& Fields::at(const std::string& name) const {
  const auto found = object_.find(name);
  if (found == object_.end()) throw BodyError("missing_field", what_ + ": no field '" + name + "'");
  return *found;
}

std::int64_t Fields::integer(const std::string& name, std::int64_t min, std::int64_t max) const {
  const auto& value = at(name);
  if (!value.is_number_integer()) throw BodyError("wrong_type", what_ + ": '" + name + "' is not an integer");
  if (value.is_number_unsigned() &&
      value.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    throw BodyError("bad_value", what_ + ": '" + name + "' is too large");
  }
  const auto number = value.get<std::int64_t>();
  if (number < min || number > max) {
    throw BodyError("bad_value", what_ + ": '" + name + "' is " + std::to_string(number) + ", outside " +
                                     std::to_string(min) + ".." + std::to_string(max));
  }
  return number;
}

std::optional<std::int64_t> Fields::optional_integer(const std::string& name, std::int64_t min) const {
  if (at(name).is_null()) return std::nullopt;
  return integer(name, min);
}

std::string Fields::text(const std::string& name) const {
  const auto& value = at(name);
  if (!value.is_string()) throw BodyError("wrong_type", what_ + ": '" + name + "' is not a string");
  return value.get<std::string>();
}

std::optional<std::string> Fields::optional_text(const std::string& name) const {
  if (at(name).is_null()) return std::nullopt;
  return text(name);
}

std::optional<schedules::UtcTime> Fields::optional_instant(const std::string& name) const {
  const auto value = optional_text(name);
  if (!value) return std::nullopt;
  const auto at_time = canonical_instant(*value);
  if (!at_time) {
    throw BodyError("bad_value",
                    what_ + ": '" + name + "' is '" + *value + "', not UTC text like 2026-11-30T22:30:00.250Z");
  }
  return at_time;
}

schedules::UtcTime Fields::instant(const std::string& name) const {
  const auto value = text(name);
  try {
    return store::parse_utc_text(value);
  } catch (const std::exception&) {
    throw BodyError("bad_value", what_ + ": '" + name + "' is '" + value + "', not UTC text like 2026-11-30T22:30:00Z");
  }
}

}  // namespace loaxa::wire
