// `loaxa-hub report`: the frequency report for a month, a quarter or a year, or one
// station's plays over days; as a table, CSV, XLSX or JSON, on stdout or into --out.
// A closed month prints its signed snapshot and late arrivals; --final closes a month,
// --verify checks a closed month's snapshot.
// The numbers and the close's rules are in the hub's library (frequency_report.hpp,
// month_close.hpp); this parses and prints.

#include "common/atomic_file.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "hub/command_support.hpp"
#include "hub/commands.hpp"
#include "hub/frequency_report.hpp"
#include "hub/month_close.hpp"
#include "hub/month_close_output.hpp"
#include "hub/report.hpp"
#include "hub/report_csv.hpp"
#include "hub/report_period.hpp"
#include "hub/report_sheet.hpp"
#include "hub/report_xlsx.hpp"
#include "hub/sqlite_month_close_store.hpp"
#include "store/category_store.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <system_error>

namespace loaxa::hub::cli {
namespace {

Period period_of(const ReportOptions& options) {
  const int given = (options.month ? 1 : 0) + (options.quarter ? 1 : 0) + (options.year ? 1 : 0);
  if (given != 1) {
    throw std::runtime_error(
        tr("Give one period: --month YYYY-MM, --quarter YYYY-Qn or --year YYYY (or --station ID --from --to)."));
  }
  if (options.month) {
    const auto month = parse_month(*options.month);
    if (!month) {
      throw std::runtime_error(
          trf("'{}' is not a month: write YYYY-MM with a month from 01 to 12, e.g. 2026-11.", *options.month));
    }
    return month_period(month->year, month->month);
  }
  if (options.quarter) {
    const auto quarter = parse_quarter(*options.quarter);
    if (!quarter) {
      throw std::runtime_error(
          trf("'{}' is not a quarter: write YYYY-Qn with n from 1 to 4, e.g. 2026-Q4.", *options.quarter));
    }
    return *quarter;
  }
  const auto year = parse_year(*options.year);
  if (!year) throw std::runtime_error(trf("'{}' is not a year: write four digits, e.g. 2026.", *options.year));
  return *year;
}

schedules::TimeZone zone_of(const std::string& name) {
  try {
    return schedules::TimeZone(name);
  } catch (const std::exception&) {
    throw std::runtime_error(trf("Unknown time zone '{}' (e.g. Asia/Ho_Chi_Minh).", name));
  }
}

std::chrono::year_month_day day_of(const std::optional<std::string>& text, const char* option) {
  if (!text) throw std::runtime_error(trf("{} is missing: a station's plays need --from DATE and --to DATE.", option));
  const auto day = parse_date(*text);
  if (!day) {
    throw std::runtime_error(trf("{} {}: not a date; write YYYY-MM-DD or dd/mm/yyyy, e.g. 2026-11-01.", option, *text));
  }
  return *day;
}

// The bytes of the report in its format.
std::string render(const Sheet& sheet, const std::string& format, const std::string& json_text) {
  if (format == "json") return json_text + "\n";
  if (format == "csv") return render_csv(sheet);
  if (format == "xlsx") return render_xlsx(sheet);
  return render_table(sheet);
}

void deliver(const std::string& bytes, const ReportOptions& options) {
  if (options.out) {
    try {
      write_file_atomically(*options.out, bytes);
    } catch (const std::system_error& e) {
      throw std::runtime_error(
          trf("Cannot write {}: {}. Nothing was written.", options.out->string(), e.code().message()));
    }
    std::cerr << trf("Report written to {}.", options.out->string()) << '\n';
    return;
  }
  std::cout << bytes << std::flush;
}

int station_plays(const Common& common, const ReportOptions& options, const std::string& format,
                  const schedules::TimeZone& zone) {
  if (options.month || options.quarter || options.year || options.group || options.category) {
    throw std::runtime_error(tr("A station's plays take --from and --to, not a period, group or category."));
  }
  const auto from_day = day_of(options.from, "--from");
  const auto to_day = day_of(options.to, "--to");
  if (to_day < from_day) {
    throw std::runtime_error(trf("--to {} is before --from {}.", *options.to, *options.from));
  }
  auto opened = open_hub(common.home);
  require_station(*opened.store, *options.station);
  const auto [from, to] = days_window(from_day, to_day, zone);
  const auto plays = opened.store->plays_between(*options.station, from, to);
  const auto sheet = plays_sheet(*options.station, plays, display_date(from_day), display_date(to_day), zone);
  deliver(render(sheet, format, format == "json" ? plays_json(*options.station, plays, from, to, zone) : ""), options);
  return 0;
}

// --verify: says whether the month's snapshot holds; a month not closed or a snapshot that
// fails its signature is an error (exit status 1).
int verify_month(const Opened& opened, const MonthCloseSigner& signer, const Period& month,
                 const schedules::TimeZone& zone) {
  SqliteMonthCloseStore closes(*opened.store);
  const auto check = check_closed_month(closes, signer, month.text());
  if (!check.closed) {
    throw std::runtime_error(
        trf("{} is not closed: there is no snapshot to check (close it with --final).", month.text()));
  }
  if (!check.valid) {
    throw std::runtime_error(
        trf("The closed report of {} FAILS its signature check: the hub database was changed "
            "outside loaxa-hub.",
            month.text()));
  }
  std::cout << trf("{}: closed on {}; the snapshot's signature holds.", month.text(),
                   display_time(*check.closed_at, zone))
            << '\n';
  return 0;
}

}  // namespace

int report(const Common& common, const ReportOptions& options) {
  const std::string format = common.json ? std::string("json") : options.format;
  if (format != "table" && format != "csv" && format != "xlsx" && format != "json") {
    throw std::runtime_error(trf("--format {}: write table, csv, xlsx or json.", format));
  }
  // A workbook is binary: on a terminal it would be garbage.
  if (format == "xlsx" && !options.out && ::isatty(STDOUT_FILENO) == 1) {
    throw std::runtime_error(tr("An XLSX report is a file: give --out FILE.xlsx (or redirect the output to a file)."));
  }
  const auto zone = zone_of(options.time_zone);
  if ((options.final || options.verify) && (!options.month || options.station)) {
    throw std::runtime_error(tr("--final and --verify go with --month YYYY-MM: a month is what is closed."));
  }
  if (options.final && options.verify) throw std::runtime_error(tr("Give --final or --verify, not both."));
  if (options.station) return station_plays(common, options, format, zone);
  if (options.from || options.to) throw std::runtime_error(tr("--from and --to go with --station ID."));

  ReportRequest request;
  request.period = period_of(options);
  std::tie(request.from, request.to) = period_window(request.period, zone);
  request.time_zone = zone.name();
  if (options.silent_after) {
    const auto length = parse_length(*options.silent_after);
    if (!length) {
      throw std::runtime_error(
          trf("--silent-after {}: write a whole number then m, h or d (up to 366d), e.g. 72h or 3d.",
              *options.silent_after));
    }
    request.silent_after = *length;
  }
  if (options.category) {
    const auto code = store::normalize_category_code(*options.category);
    if (!code) {
      throw std::runtime_error(
          trf("'{}' is not a category code: write 1 to 16 letters or digits starting with a letter, e.g. CDS.",
              *options.category));
    }
    request.category = *code;
  }
  request.now = hub_clock()->now();

  auto opened = open_hub(common.home);
  const auto signer = MonthCloseSigner::from_master_key_file(opened.home.master_key());
  match_home_owner(opened.home);
  if (options.verify) return verify_month(opened, signer, request.period, zone);
  const auto stations = opened.store->stations();
  if (options.group) {
    if (std::none_of(stations.begin(), stations.end(), [&](const Station& s) { return s.group == *options.group; })) {
      throw std::runtime_error(trf("No station is in group '{}' (see: loaxa-hub station list).", *options.group));
    }
    request.group = *options.group;
  }
  SqliteMonthCloseStore closes(*opened.store);
  if (options.final) {
    // A close cannot be undone: a report that could not be written must not leave the month
    // closed behind the operator's back.
    if (options.out &&
        !std::filesystem::is_directory(options.out->parent_path().empty() ? std::filesystem::path(".")
                                                                          : options.out->parent_path())) {
      throw std::runtime_error(
          trf("Cannot write {}: its folder does not exist. The month was not closed.", options.out->string()));
    }
    const auto closed = close_month(*opened.store, closes, signer, *hub_clock(), request);
    std::cerr << trf("{} closed on {}: its report is kept as printed below.", request.period.text(),
                     display_time(closed.closed_at, zone))
              << '\n';
    deliver(render(closed_month_sheet(closed, zone), format, format == "json" ? closed_month_json(closed) : ""),
            options);
    return 0;
  }
  if (const auto closed = read_closed_month(closes, signer, request)) {
    deliver(render(closed_month_sheet(*closed, zone), format, format == "json" ? closed_month_json(*closed) : ""),
            options);
    return 0;
  }
  const auto report = build_frequency_report(request, stations, opened.store->report(request.from, request.to),
                                             opened.store->planned(request.from, request.to), opened.store->targets());
  const auto sheet = frequency_sheet(report, zone);
  deliver(render(sheet, format, format == "json" ? report_json(report) : ""), options);
  return 0;
}

}  // namespace loaxa::hub::cli
