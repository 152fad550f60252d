#include "wire/plan_json.hpp"

#include "store/utc_text.hpp"
#include "wire/json_fields.hpp"

#include <nlohmann/json.hpp>

namespace loaxa::wire {

using nlohmann::json;

std::string plan_to_json(const std::string& station_id, const store::StationPlan& plan) {
  json items = json::array();
  for (const auto& item : plan.items) {
    items.push_back({{"occurrence", item.occurrence},
                     {"position", item.position},
                     {"category", item.category},
                     {"scheduled_start", store::utc_text(item.scheduled_start)}});
  }
  return json{{"station_id", station_id},
              {"from", store::utc_text(plan.from)},
              {"to", store::utc_text(plan.to)},
              {"items", std::move(items)}}
      .dump();
}

PlanBody plan_from_json(std::string_view body, const PlanLimits& limits) {
  const json value = json::parse(body, nullptr, false);
  if (value.is_discarded()) throw BodyError("malformed", "the body is not JSON");
  Fields fields(value, "body");
  fields.only({"station_id", "from", "to", "items"});
  PlanBody parsed;
  parsed.station_id = fields.text("station_id");
  auto& plan = parsed.plan;
  plan.from = fields.instant("from");
  plan.to = fields.instant("to");
  if (plan.to <= plan.from) throw BodyError("bad_value", "body: 'to' is not after 'from'");
  if (plan.to - plan.from > limits.max_span) {
    throw BodyError("bad_value",
                    "body: the plan spans more than " +
                        std::to_string(std::chrono::duration_cast<std::chrono::hours>(limits.max_span).count() / 24) +
                        " days");
  }
  const auto& items = fields.at("items");
  if (!items.is_array()) throw BodyError("wrong_type", "body: 'items' is not an array");
  if (items.size() > limits.max_items) {
    throw BodyError("bad_value", "body: more than " + std::to_string(limits.max_items) + " items");
  }
  plan.items.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    Fields item(items[i], "items[" + std::to_string(i) + "]");
    item.only({"occurrence", "position", "category", "scheduled_start"});
    store::PlannedPlay planned;
    planned.occurrence = item.text("occurrence");
    const auto key = parse_occurrence(planned.occurrence);
    if (!key || key->is_manual()) {
      throw BodyError("bad_value", "items[" + std::to_string(i) + "]: 'occurrence' is '" + planned.occurrence +
                                       "', not a slot's occurrence like slot:3@2026-11-30T22:30:00.000Z");
    }
    planned.position = item.integer("position", 0, 100000);
    planned.category = item.text("category");
    if (planned.category.empty() || planned.category.size() > 64) {
      throw BodyError("bad_value", "items[" + std::to_string(i) + "]: 'category' is empty or longer than 64 bytes");
    }
    planned.scheduled_start = item.instant("scheduled_start");
    if (planned.scheduled_start < plan.from || planned.scheduled_start >= plan.to) {
      throw BodyError("bad_value", "items[" + std::to_string(i) + "]: 'scheduled_start' is outside [from, to)");
    }
    plan.items.push_back(std::move(planned));
  }
  return parsed;
}

}  // namespace loaxa::wire
