#include "common/dates.hpp"

#include <catch2/catch.hpp>

using namespace std::chrono;
using loaxa::parse_date;

TEST_CASE("dates are read in ISO and Vietnamese order", "[dates]") {
  CHECK(parse_date("2027-02-05") == year_month_day{year{2027}, month{2}, day{5}});
  CHECK(parse_date("05/02/2027") == year_month_day{year{2027}, month{2}, day{5}});
  CHECK(parse_date("5/2/2027") == year_month_day{year{2027}, month{2}, day{5}});
  CHECK(parse_date("29/02/2028"));
}

TEST_CASE("text that is not a real date is refused", "[dates]") {
  for (const char* bad : {"", "mai", "2027-02-30", "31/04/2027", "29/02/2027", "2027-13-01", "2027-2-5", "05/02/27",
                          "05-02-2027", "2027-02-05T00:00", " 2027-02-05", "00/01/2027"}) {
    INFO(bad);
    CHECK_FALSE(parse_date(bad));
  }
}

TEST_CASE("dates are written for files and for people", "[dates]") {
  year_month_day d{year{2027}, month{2}, day{5}};
  CHECK(loaxa::iso_date(d) == "2027-02-05");
  CHECK(loaxa::display_date(d) == "05/02/2027");
}
