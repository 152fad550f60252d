#pragma once
// The district bulletin the tests start from: "3 a week for 2 weeks", Monday 4 to Sunday 17
// January 2027, 05:00–07:00 and 17:00–19:00, as the hub would order it.

#include "schedules/civil_time.hpp"
#include "schedules/mandate_terms.hpp"
#include "store/mandate_order.hpp"
#include "store/utc_text.hpp"

#include <cstdint>
#include <string>

namespace loaxa::test {

inline store::MandateOrder example_mandate(std::int64_t id, const std::string& title = "VNeID trước 31/12") {
  store::MandateOrder o;
  o.id = id;
  o.title = title;
  o.category = "CDS";
  o.terms.from = schedules::parse_date("2027-01-04");
  o.terms.until = schedules::parse_date("2027-01-17");
  o.terms.times_per_week = 3;
  o.terms.windows = schedules::parse_windows("05:00-07:00,17:00-19:00");
  o.sha256 = std::string(64, 'c');
  o.size = 1000;
  o.file_name = "vneid.wav";
  o.issued_at = store::parse_utc_text("2027-01-03T08:00:00.000Z");
  return o;
}

}  // namespace loaxa::test
