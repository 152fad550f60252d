#include "wire/mandate_json.hpp"

#include "schedules/error.hpp"
#include "store/utc_text.hpp"
#include "wire/json_fields.hpp"
#include "wire/signing.hpp"

#include <nlohmann/json.hpp>

namespace loaxa::wire {
namespace {

using nlohmann::json;

json parse_body(std::string_view body, const char* what) {
  json value = json::parse(body, nullptr, false);
  if (value.is_discarded()) throw BodyError("malformed", std::string(what) + " is not JSON");
  return value;
}

const json& array_field(const Fields& fields, const std::string& name, const std::string& what, std::size_t max) {
  const json& value = fields.at(name);
  if (!value.is_array()) throw BodyError("wrong_type", what + ": '" + name + "' is not an array");
  if (value.size() > max) {
    throw BodyError("bad_value", what + ": '" + name + "' has " + std::to_string(value.size()) +
                                     " entries, more than " + std::to_string(max));
  }
  return value;
}

std::string station_id_of(const Fields& fields, const std::string& what) {
  std::string id = fields.text("station_id");
  if (id.empty()) throw BodyError("bad_value", what + ": 'station_id' is empty");
  return id;
}

std::string sha256_of(const Fields& fields, const std::string& what) {
  std::string sha = fields.text("sha256");
  if (!is_lower_hex(sha, 64)) throw BodyError("bad_value", what + ": 'sha256' is not 64 lowercase hex characters");
  return sha;
}

// A schedules refusal (a date, a window, a level) as the body's refusal, naming the field.
template <typename Parse>
auto schedules_value(const std::string& what, const std::string& name, Parse parse) {
  try {
    return parse();
  } catch (const schedules::ScheduleError& error) {
    throw BodyError("bad_value", what + ": '" + name + "' is '" + error.subject + "' (" + error.what() + ")");
  }
}

MandateReport report_from(const json& value) {
  const std::string what = "mandate report";
  Fields fields(value, what);
  fields.only({"mandate_id", "state", "at", "reason", "planned"});
  MandateReport report;
  report.mandate_id = fields.integer("mandate_id", 1);
  const std::string state = fields.text("state");
  if (state == "received") {
    report.state = MandateState::received;
  } else if (state == "declined") {
    report.state = MandateState::declined;
  } else if (state == "refused") {
    report.state = MandateState::refused;
  } else {
    throw BodyError("bad_value", what + ": 'state' is '" + state + "', not received, declined or refused");
  }
  report.at = fields.instant("at");
  report.reason = fields.text("reason");
  if (report.state != MandateState::received && report.reason.empty()) {
    throw BodyError("bad_value", what + ": a " + state + " mandate needs a reason");
  }
  report.planned = static_cast<int>(fields.integer("planned", 0, 10'000));
  return report;
}

HeardReport heard_from(const json& value) {
  const std::string what = "heard report";
  Fields fields(value, what);
  fields.only({"seq", "pct"});
  HeardReport heard;
  heard.seq = fields.integer("seq", 1);
  const json& pct = fields.at("pct");
  if (!pct.is_number()) throw BodyError("wrong_type", what + ": 'pct' is not a number");
  heard.pct = pct.get<double>();
  if (!(heard.pct >= 0 && heard.pct <= 100)) throw BodyError("bad_value", what + ": 'pct' is outside 0..100");
  return heard;
}

json order_to_value(const MandateOrder& order) {
  json windows = json::array();
  for (const auto& window : schedules::windows_of(order.terms)) windows.push_back(schedules::format_windows({window}));
  return {
      {"id", order.id},
      {"title", order.title},
      {"category", order.category},
      {"from", schedules::format_date(order.terms.from)},
      {"until", schedules::format_date(order.terms.until)},
      {"times_per_week", order.terms.times_per_week},
      {"windows", windows},
      {"level", schedules::to_string(order.terms.level)},
      {"sha256", order.sha256},
      {"size", order.size},
      {"file_name", order.file_name},
      {"issued_at", store::utc_text(order.issued_at)},
      {"cancelled", order.cancelled},
  };
}

MandateOrder order_from(const json& value) {
  const std::string what = "mandate";
  Fields fields(value, what);
  fields.only({"id", "title", "category", "from", "until", "times_per_week", "windows", "level", "sha256", "size",
               "file_name", "issued_at", "cancelled"});
  MandateOrder order;
  order.id = fields.integer("id", 1);
  order.title = fields.text("title");
  if (order.title.empty()) throw BodyError("bad_value", what + ": 'title' is empty");
  order.category = fields.text("category");
  if (order.category.empty()) throw BodyError("bad_value", what + ": 'category' is empty");
  const std::string from = fields.text("from");
  const std::string until = fields.text("until");
  order.terms.from = schedules_value(what, "from", [&] { return schedules::parse_date(from); });
  order.terms.until = schedules_value(what, "until", [&] { return schedules::parse_date(until); });
  order.terms.times_per_week = static_cast<int>(fields.integer("times_per_week", 1, schedules::kMaxTimesPerWeek));
  const json& windows = array_field(fields, "windows", what, schedules::kMaxWindows);
  std::string windows_text;
  for (const json& window : windows) {
    if (!window.is_string()) throw BodyError("wrong_type", what + ": a window is not a string");
    if (!windows_text.empty()) windows_text += ',';
    windows_text += window.get<std::string>();
  }
  if (!windows_text.empty()) {
    order.terms.windows = schedules_value(what, "windows", [&] { return schedules::parse_windows(windows_text); });
  }
  const std::string level = fields.text("level");
  order.terms.level = schedules_value(what, "level", [&] { return schedules::parse_mandate_level(level); });
  schedules_value(what, "from..until", [&] {
    schedules::check_terms(order.terms);
    return 0;
  });
  order.sha256 = sha256_of(fields, what);
  order.size = fields.integer("size", 1);
  order.file_name = fields.text("file_name");
  if (order.file_name.empty()) throw BodyError("bad_value", what + ": 'file_name' is empty");
  order.issued_at = fields.instant("issued_at");
  const json& cancelled = fields.at("cancelled");
  if (!cancelled.is_boolean()) throw BodyError("wrong_type", what + ": 'cancelled' is not true or false");
  order.cancelled = cancelled.get<bool>();
  return order;
}

}  // namespace

const char* to_string(MandateState state) noexcept {
  switch (state) {
    case MandateState::received:
      return "received";
    case MandateState::declined:
      return "declined";
    case MandateState::refused:
      return "refused";
  }
  return "received";
}

std::string poll_to_json(const MandatePoll& poll) {
  json reports = json::array();
  for (const MandateReport& report : poll.reports) {
    reports.push_back({{"mandate_id", report.mandate_id},
                       {"state", to_string(report.state)},
                       {"at", store::utc_text(report.at)},
                       {"reason", report.reason},
                       {"planned", report.planned}});
  }
  json heard = json::array();
  for (const HeardReport& row : poll.heard) heard.push_back({{"seq", row.seq}, {"pct", row.pct}});
  return json{{"station_id", poll.station_id}, {"reports", reports}, {"heard", heard}}.dump();
}

MandatePoll poll_from_json(std::string_view body) {
  const json value = parse_body(body, "a mandates poll");
  const std::string what = "mandates poll";
  Fields fields(value, what);
  fields.only({"station_id", "reports", "heard"});
  MandatePoll poll;
  poll.station_id = station_id_of(fields, what);
  for (const json& report : array_field(fields, "reports", what, kMaxMandateReports)) {
    poll.reports.push_back(report_from(report));
  }
  for (const json& heard : array_field(fields, "heard", what, kMaxHeardReports))
    poll.heard.push_back(heard_from(heard));
  return poll;
}

std::string orders_to_json(const std::vector<MandateOrder>& orders) {
  json list = json::array();
  for (const MandateOrder& order : orders) list.push_back(order_to_value(order));
  return json{{"mandates", list}}.dump();
}

std::vector<MandateOrder> orders_from_json(std::string_view body) {
  const json value = parse_body(body, "a mandates answer");
  Fields fields(value, "mandates answer");
  fields.only({"mandates"});
  std::vector<MandateOrder> orders;
  for (const json& order : array_field(fields, "mandates", "mandates answer", 10'000)) {
    orders.push_back(order_from(order));
  }
  return orders;
}

std::string audio_request_to_json(const AudioRequest& request) {
  return json{{"station_id", request.station_id}, {"sha256", request.sha256}, {"offset", request.offset}}.dump();
}

AudioRequest audio_request_from_json(std::string_view body) {
  const json value = parse_body(body, "an audio request");
  const std::string what = "audio request";
  Fields fields(value, what);
  fields.only({"station_id", "sha256", "offset"});
  AudioRequest request;
  request.station_id = station_id_of(fields, what);
  request.sha256 = sha256_of(fields, what);
  request.offset = fields.integer("offset", 0);
  return request;
}

}  // namespace loaxa::wire
