#pragma once
// A report as a sheet of typed cells — headings, rows, totals rows, notes — which the
// table, CSV and XLSX writers lay out alike, so every format carries the same columns and
// the same flags. Headings and words are tr(): Vietnamese by default, English with --lang en.
//
// Pure but for tr(); call after select_language().

#include "hub/frequency_report.hpp"
#include "schedules/time_zone.hpp"
#include "store/play_store.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace loaxa::hub {

struct Cell {
  enum class Kind { empty, text, integer, decimal, time };
  Kind kind = Kind::empty;
  std::string text;  // text; for a time, how people read it (dd/mm/yyyy HH:MM)
  double number = 0;
  int decimals = 0;                         // decimal: places shown
  std::chrono::local_seconds local_time{};  // time: in the report's zone

  static Cell of_text(std::string text);
  static Cell of_integer(std::int64_t value);
  static Cell of_decimal(double value, int decimals);
  static Cell of_time(Instant at, const schedules::TimeZone& zone);
  // How the table and the CSV write it: "12", "12.5", "", the text.
  std::string display() const;
};

struct Sheet {
  std::string title;       // the first line of the table
  std::string sheet_name;  // the XLSX tab: at most 31 characters, none of []:*?/\ .
  std::vector<std::string> headings;
  std::vector<std::vector<Cell>> rows;
  std::vector<std::vector<Cell>> totals;  // after the rows, set apart
  std::vector<std::string> notes;         // below: flags and how numbers are made
};

Sheet frequency_sheet(const FrequencyReport& report, const schedules::TimeZone& zone);

// One station's plays, from and to being the days asked (dd/mm/yyyy in the title).
Sheet plays_sheet(const std::string& station_id, const std::vector<store::Play>& plays, const std::string& from_day,
                  const std::string& to_day, const schedules::TimeZone& zone);

// Aligned columns for a terminal.
std::string render_table(const Sheet& sheet);

}  // namespace loaxa::hub
