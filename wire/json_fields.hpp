#pragma once
// Reading a JSON object field by field, strictly (for the play's JSON and the hub's API; pulls in nlohmann).
// Every failure is a BodyError naming the field. Pure; any thread.

#include "wire/play_json.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::wire {

// An instant exactly as the store writes it ("2026-11-30T22:30:00.250Z"), else nullopt.
std::optional<schedules::UtcTime> canonical_instant(std::string_view text);

class Fields {
 public:
  // Throws BodyError{wrong_type} when `object` is not an object.
  Fields(const nlohmann::json& object, std::string what);

  // Refuses a field not in `names`, and a missing one.
  void only(const std::vector<std::string>& names) const;

  const nlohmann::json& at(const std::string& name) const;
  std::int64_t integer(const std::string& name, std::int64_t min,
                       std::int64_t max = std::numeric_limits<std::int64_t>::max()) const;
  std::optional<std::int64_t> optional_integer(const std::string& name, std::int64_t min) const;
  std::string text(const std::string& name) const;
  std::optional<std::string> optional_text(const std::string& name) const;
  // Canonical UTC text (exact), or null for the optional form.
  std::optional<schedules::UtcTime> optional_instant(const std::string& name) const;
  // Any UTC text parse_utc_text reads (with or without milliseconds).
  schedules::UtcTime instant(const std::string& name) const;

 private:
  const nlohmann::json& object_;
  std::string what_;
};

// A final play from its JSON object. Throws BodyError.
store::Play play_from_value(const nlohmann::json& value);

}  // namespace loaxa::wire
