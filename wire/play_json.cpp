#include "wire/play_json.hpp"

#include "store/utc_text.hpp"
#include "wire/json_fields.hpp"
#include "wire/signing.hpp"

#include <nlohmann/json.hpp>

namespace loaxa::wire {
namespace {

using nlohmann::json;

const std::vector<std::string> kPlayFields{
    "seq",    "occurrence", "programme_id",    "programme_name", "position", "segment_id", "segment_sha256", "category",
    "title",  "level",      "scheduled_start", "started_at",     "ended_at", "frames",     "underruns",      "status",
    "reason", "hash"};

// A district bulletin's play (docs/MANDATES.md) has one field more; the others are as they were.
const std::vector<std::string> kMandatePlayFields = [] {
  std::vector<std::string> fields = kPlayFields;
  fields.emplace_back("mandate_id");
  return fields;
}();

json optional_text(const std::optional<schedules::UtcTime>& time) {
  return time ? json(store::utc_text(*time)) : json(nullptr);
}

json optional_int(const std::optional<std::int64_t>& value) {
  return value ? json(*value) : json(nullptr);
}

json text_or_null(const std::string& text) {
  return text.empty() ? json(nullptr) : json(text);
}

}  // namespace

std::optional<store::OccurrenceKey> parse_occurrence(std::string_view text) {
  if (text.starts_with("manual:")) {
    if (text.size() == 7) return std::nullopt;
    return store::OccurrenceKey::of_manual(std::string(text.substr(7)));
  }
  if (!text.starts_with("slot:")) return std::nullopt;
  const auto at = text.find('@');
  if (at == std::string_view::npos) return std::nullopt;
  const auto id_text = text.substr(5, at - 5);
  if (id_text.empty() || id_text.size() > 18 || id_text[0] == '0') return std::nullopt;
  std::int64_t id = 0;
  for (char c : id_text) {
    if (c < '0' || c > '9') return std::nullopt;
    id = id * 10 + (c - '0');
  }
  const auto instant = canonical_instant(text.substr(at + 1));
  if (!instant) return std::nullopt;
  return store::OccurrenceKey::of_slot(id, *instant);
}

store::Play play_from_json(std::string_view object_text) {
  const json value = json::parse(object_text, nullptr, false);
  if (value.is_discarded()) throw BodyError("malformed", "a play row is not JSON");
  return play_from_value(value);
}

store::Play play_from_value(const json& value) {
  Fields row(value, "play");
  const bool has_mandate = value.is_object() && value.contains("mandate_id");
  row.only(has_mandate ? kMandatePlayFields : kPlayFields);
  store::Play play;
  if (has_mandate) play.item.mandate_id = row.integer("mandate_id", 1);
  play.seq = row.integer("seq", 1);
  const std::string occurrence = row.text("occurrence");
  auto key = parse_occurrence(occurrence);
  if (!key) throw BodyError("bad_value", "occurrence '" + occurrence + "' is not slot:ID@INSTANT or manual:KEY");
  play.item.occurrence = std::move(*key);
  play.item.programme_id = row.optional_integer("programme_id", 0);
  play.item.programme_name = row.text("programme_name");
  play.item.position = static_cast<int>(row.integer("position", 0, 1'000'000));
  play.item.segment_id = row.optional_integer("segment_id", 0);
  play.item.segment_sha256 = row.optional_text("segment_sha256").value_or("");
  if (!play.item.segment_sha256.empty() && !is_lower_hex(play.item.segment_sha256, 64)) {
    throw BodyError("bad_value", "segment_sha256 is not 64 lowercase hex characters");
  }
  play.item.category = row.text("category");
  play.item.title = row.text("title");
  const std::string level = row.text("level");
  const auto parsed_level = store::play_level_from(level);
  if (!parsed_level) throw BodyError("bad_value", "level '" + level + "' is not normal, priority or emergency");
  play.item.level = *parsed_level;
  play.item.scheduled_start = row.optional_instant("scheduled_start");
  play.started_at = row.optional_instant("started_at");
  play.ended_at = row.optional_instant("ended_at");
  play.frames = row.integer("frames", 0);
  play.underruns = row.integer("underruns", 0);
  const std::string status = row.text("status");
  const auto parsed_status = store::play_status_from(status);
  if (!parsed_status || *parsed_status == store::PlayStatus::playing) {
    throw BodyError("bad_value", "status '" + status + "' is not a final status");
  }
  play.status = *parsed_status;
  play.reason = row.optional_text("reason").value_or("");
  play.hash = row.text("hash");
  if (!is_lower_hex(play.hash, 64)) throw BodyError("bad_value", "hash is not 64 lowercase hex characters");
  if (play.started_at && play.ended_at && *play.ended_at < *play.started_at) {
    throw BodyError("bad_value", "seq " + std::to_string(*play.seq) + " ends before it starts");
  }
  if (!play.ended_at) throw BodyError("bad_value", "seq " + std::to_string(*play.seq) + " has no end");
  const bool never_started = play.status == store::PlayStatus::skipped || play.status == store::PlayStatus::missed;
  if (never_started == play.started_at.has_value()) {
    throw BodyError("bad_value", "seq " + std::to_string(*play.seq) + ": a " + status +
                                     (never_started ? " play has a start" : " play has no start"));
  }
  return play;
}

std::string play_to_json(const store::Play& p) {
  json out = {
      {"seq", p.seq.value_or(0)},
      {"occurrence", p.item.occurrence.text()},
      {"programme_id", optional_int(p.item.programme_id)},
      {"programme_name", p.item.programme_name},
      {"position", p.item.position},
      {"segment_id", optional_int(p.item.segment_id)},
      {"segment_sha256", text_or_null(p.item.segment_sha256)},
      {"category", p.item.category},
      {"title", p.item.title},
      {"level", store::to_string(p.item.level)},
      {"scheduled_start", optional_text(p.item.scheduled_start)},
      {"started_at", optional_text(p.started_at)},
      {"ended_at", optional_text(p.ended_at)},
      {"frames", p.frames},
      {"underruns", p.underruns},
      {"status", store::to_string(p.status)},
      {"reason", text_or_null(p.reason)},
      {"hash", p.hash},
  };
  if (p.item.mandate_id) out["mandate_id"] = *p.item.mandate_id;
  return out.dump();
}

}  // namespace loaxa::wire
