#pragma once
// The JSON body of POST /api/v1/plan in protocol v1 (docs/HUB.md, "Plans"): what a station
// plans to air over a span, for the hub's "plays scheduled".
//
//   {"station_id":"xa-moi","from":"…Z","to":"…Z",
//    "items":[{"occurrence":"slot:3@…Z","position":0,"category":"CDS","scheduled_start":"…Z"}]}
//
// Strict as the play's JSON: unknown or missing fields, wrong types, an empty or reversed
// span, one longer than `max_span`, more than `max_items` items, an item outside the span or
// with an occurrence that is not a slot's — each is refused with what was wrong (BodyError).
// Pure; any thread. nlohmann::json stays out of this header.

#include "store/planned_play.hpp"
#include "wire/play_json.hpp"

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

namespace loaxa::wire {

struct PlanBody {
  std::string station_id;
  store::StationPlan plan;
};

struct PlanLimits {
  std::size_t max_items = 20000;
  std::chrono::hours max_span{24 * 31};
};

std::string plan_to_json(const std::string& station_id, const store::StationPlan& plan);
// Throws BodyError.
PlanBody plan_from_json(std::string_view body, const PlanLimits& limits = {});

}  // namespace loaxa::wire
