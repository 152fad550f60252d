#include "wire/json_fields.hpp"

#include "store/utc_text.hpp"

#include <algorithm>
#include <chrono>

namespace loaxa::wire {

namespace {

// Whether `text` is exactly store::utc_text(at) ("2026-11-30T22:30:00.250Z"), written here
// without printf: every row of a batch has four instants to check, and formatting them
// through utc_text was a tenth of the hub's ingest time. Years outside 0–9999 go the long way.
bool is_utc_text_of(std::string_view text, schedules::UtcTime at) {
  using namespace std::chrono;
  const auto day = floor<days>(at);
  const year_month_day date{day};
  const int year = static_cast<int>(date.year());
  if (year < 0 || year > 9999) return store::utc_text(at) == text;
  const hh_mm_ss time{at - day};
  char out[24];
  const auto put = [&out](int at_index, long value, int digits) {
    for (int i = digits - 1; i >= 0; --i) {
      out[at_index + i] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, year, 4);
  out[4] = '-';
  put(5, static_cast<unsigned>(date.month()), 2);
  out[7] = '-';
  put(8, static_cast<unsigned>(date.day()), 2);
  out[10] = 'T';
  put(11, time.hours().count(), 2);
  out[13] = ':';
  put(14, time.minutes().count(), 2);
  out[16] = ':';
  put(17, time.seconds().count(), 2);
  out[19] = '.';
  put(20, time.subseconds().count(), 3);
  out[23] = 'Z';
  return text == std::string_view(out, sizeof out);
}

}  // namespace

std::optional<schedules::UtcTime> canonical_instant(std::string_view text) {
  try {
    if (text.size() != 24) return std::nullopt;  // utc_text is always 24 characters
    const auto at = store::parse_utc_text(text);
    if (!is_utc_text_of(text, at)) return std::nullopt;
    return at;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Fields::Fields(const nlohmann::json& object, std::string what) : object_(object), what_(std::move(what)) {
  if (!object_.is_object()) throw BodyError("wrong_type", what_ + " is not a JSON object");
}

void Fields::only(const std::vector<std::string>& names) const {
  // The usual case, cheaply: as many fields as names, each name present (JSON object keys are
  // unique), so none is unknown or missing. Otherwise the checks below find which.
  if (object_.size() == names.size() &&
      std::all_of(names.begin(), names.end(), [this](const std::string& name) { return object_.contains(name); })) {
    return;
  }
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
