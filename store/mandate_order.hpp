#pragma once
// A district bulletin's order as the hub sends it down (docs/MANDATES.md): plain data, shared
// by the protocol (wire/mandate_json.hpp), the station's store and its service layer.

#include "schedules/civil_time.hpp"
#include "schedules/mandate_terms.hpp"

#include <cstdint>
#include <string>

namespace loaxa::store {

struct MandateOrder {
  std::int64_t id = 0;  // the hub's, ≥ 1
  std::string title;
  std::string category;
  schedules::MandateTerms terms;
  std::string sha256;  // of the audio, 64 lowercase hex
  std::int64_t size = 0;
  std::string file_name;  // the district's file name (its extension tells the importer the format)
  schedules::UtcTime issued_at{};
  bool cancelled = false;
};

}  // namespace loaxa::store
