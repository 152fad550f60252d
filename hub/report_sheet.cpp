#include "hub/report_sheet.hpp"

#include "common/i18n.hpp"
#include "common/text_width.hpp"
#include "hub/report.hpp"
#include "store/play_status_words.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace loaxa::hub {

Cell Cell::of_text(std::string text) {
  Cell cell;
  cell.kind = Kind::text;
  cell.text = std::move(text);
  return cell;
}

Cell Cell::of_integer(std::int64_t value) {
  Cell cell;
  cell.kind = Kind::integer;
  cell.number = static_cast<double>(value);
  return cell;
}

Cell Cell::of_decimal(double value, int decimals) {
  Cell cell;
  cell.kind = Kind::decimal;
  cell.number = value;
  cell.decimals = decimals;
  return cell;
}

Cell Cell::of_time(Instant at, const schedules::TimeZone& zone) {
  Cell cell;
  cell.kind = Kind::time;
  cell.text = display_time(at, zone);
  cell.local_time = zone.to_local(at);
  return cell;
}

std::string Cell::display() const {
  switch (kind) {
    case Kind::empty:
      return "—";
    case Kind::integer:
      return fmt::format("{:.0f}", number);
    case Kind::decimal:
      return fmt::format("{:.{}f}", number, decimals);
    case Kind::text:
    case Kind::time:
      break;
  }
  return text;
}

namespace {

template <typename T>
Cell integer_or_empty(const std::optional<T>& value) {
  return value ? Cell::of_integer(static_cast<std::int64_t>(*value)) : Cell{};
}

Cell percent_or_empty(const std::optional<double>& value) {
  return value ? Cell::of_decimal(*value, 1) : Cell{};
}

std::string period_title(const ReportRequest& request) {
  const auto& p = request.period;
  switch (p.kind) {
    case Period::Kind::month:
      return trf("Monthly report {:02}/{:04} ({})", p.index, p.year, request.time_zone);
    case Period::Kind::quarter:
      return trf("Quarterly report Q{} {:04} ({})", p.index, p.year, request.time_zone);
    case Period::Kind::year:
      break;
  }
  return trf("Yearly report {:04} ({})", p.year, request.time_zone);
}

std::string length_text(std::chrono::minutes length) {
  if (length.count() % (24 * 60) == 0) return trf("{} days", length.count() / (24 * 60));
  if (length.count() % 60 == 0) return trf("{} hours", length.count() / 60);
  return trf("{} minutes", length.count());
}

std::vector<Cell> total_cells(const FrequencyTotal& total) {
  std::string group = total.all_groups ? tr("all groups") : total.group.empty() ? tr("no group") : total.group;
  return {Cell::of_text(tr("TOTAL")),
          Cell::of_text(trf("stations: {}", total.stations)),
          Cell::of_text(std::move(group)),
          Cell::of_text(total.category),
          Cell::of_integer(total.plays_completed),
          Cell::of_decimal(total.minutes_aired(), 1),
          integer_or_empty(total.plays_scheduled),
          Cell::of_integer(total.missed),
          Cell::of_integer(total.interrupted),
          percent_or_empty(total.aired_pct),
          Cell{},
          Cell::of_text(""),
          Cell::of_text(""),
          total.with_target > 0 ? Cell::of_text(fmt::format("{}/{}", total.meeting, total.with_target)) : Cell{},
          Cell::of_text(""),
          Cell::of_integer(total.silent)};
}

// A title may hold line breaks; a table row may not.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

}  // namespace

Sheet frequency_sheet(const FrequencyReport& report, const schedules::TimeZone& zone) {
  const auto& request = report.request;
  Sheet sheet;
  sheet.title = period_title(request);
  sheet.sheet_name = request.period.text();
  sheet.headings = {tr("station"),
                    tr("name"),
                    tr("group"),
                    tr("category"),
                    tr("plays aired"),
                    tr("duration (minutes)"),
                    tr("plays scheduled"),
                    tr("missed"),
                    tr("interrupted"),
                    tr("aired/scheduled %"),
                    tr("heard %"),
                    tr("target (plays)"),
                    tr("target (minutes)"),
                    tr("meets target"),
                    tr("last contact"),
                    tr("silent")};
  std::vector<std::string> silent;
  bool weekly = false;
  bool unplanned = false;
  for (const auto& row : report.rows) {
    Cell meets;
    if (row.meets_target) meets = Cell::of_text(*row.meets_target ? tr("met") : tr("NOT MET"));
    sheet.rows.push_back({Cell::of_text(row.station_id), Cell::of_text(row.station_name), Cell::of_text(row.group),
                          row.category.empty() ? Cell{} : Cell::of_text(row.category),
                          Cell::of_integer(row.plays_completed), Cell::of_decimal(row.minutes_aired(), 1),
                          integer_or_empty(row.plays_scheduled), Cell::of_integer(row.missed),
                          Cell::of_integer(row.interrupted), percent_or_empty(row.aired_pct),
                          percent_or_empty(row.heard_pct), row.target ? Cell::of_integer(row.target->plays) : Cell{},
                          row.target && row.target->minutes ? Cell::of_decimal(*row.target->minutes, 1) : Cell{}, meets,
                          row.last_contact ? Cell::of_time(*row.last_contact, zone) : Cell::of_text(tr("never")),
                          Cell::of_text(row.silent ? tr("SILENT") : "")});
    if (row.silent && (silent.empty() || silent.back() != row.station_id)) silent.push_back(row.station_id);
    if (row.target_rule && row.target_rule->per == Target::Per::week) weekly = true;
    if (!row.category.empty() && !row.plays_scheduled) unplanned = true;
  }
  for (const auto& total : report.category_totals) sheet.totals.push_back(total_cells(total));
  for (const auto& total : report.group_totals) sheet.totals.push_back(total_cells(total));

  if (!silent.empty()) {
    std::string ids;
    for (const auto& id : silent) ids += (ids.empty() ? "" : ", ") + id;
    sheet.notes.push_back(trf("SILENT: no contact for more than {}: {}.", length_text(request.silent_after), ids));
  }
  if (weekly) {
    sheet.notes.push_back(
        trf("Weekly targets are scaled to the period: × {} days / 7, rounded up.", days_in(request.period)));
  }
  if (unplanned) sheet.notes.push_back(tr("Plays scheduled: — where the station sent no plan for the period."));
  sheet.notes.push_back(tr("Heard %: — until stations measure it."));
  if (report.rows.empty()) {
    sheet.notes.push_back(request.group ? trf("No station in group '{}'.", *request.group)
                                        : std::string(tr("No station is registered on this hub.")));
  }
  return sheet;
}

Sheet plays_sheet(const std::string& station_id, const std::vector<store::Play>& plays, const std::string& from_day,
                  const std::string& to_day, const schedules::TimeZone& zone) {
  Sheet sheet;
  sheet.title = trf("Plays of station {} from {} to {} ({})", station_id, from_day, to_day, zone.name());
  sheet.sheet_name = station_id.substr(0, 31);
  sheet.headings = {tr("seq"),        tr("started"), tr("ended"),  tr("category"),          tr("programme"),
                    tr("item title"), tr("status"),  tr("reason"), tr("duration (minutes)")};
  for (const auto& play : plays) {
    sheet.rows.push_back({Cell::of_integer(play.seq.value_or(0)),
                          play.started_at ? Cell::of_time(*play.started_at, zone) : Cell{},
                          play.ended_at ? Cell::of_time(*play.ended_at, zone) : Cell{},
                          Cell::of_text(play.item.category), Cell::of_text(play.item.programme_name),
                          Cell::of_text(play.item.title), Cell::of_text(store::play_status_words(play.status)),
                          Cell::of_text(play.reason), Cell::of_decimal(minutes_aired(play.frames), 1)});
  }
  if (plays.empty()) sheet.notes.push_back(tr("No play in these days."));
  return sheet;
}

std::string render_table(const Sheet& sheet) {
  std::vector<std::size_t> widths(sheet.headings.size());
  for (std::size_t c = 0; c < widths.size(); ++c) {
    widths[c] = display_width(sheet.headings[c]);
    for (const auto* part : {&sheet.rows, &sheet.totals}) {
      for (const auto& line : *part) widths[c] = std::max(widths[c], display_width(one_line(line[c].display())));
    }
  }
  std::string out = sheet.title + "\n";
  const auto add_line = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t c = 0; c < line.size(); ++c) {
      text += c + 1 == line.size() ? line[c] : pad_right(line[c], widths[c]) + "  ";
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text + "\n";
  };
  const auto add_cells = [&](const std::vector<Cell>& cells) {
    std::vector<std::string> line;
    for (const auto& cell : cells) line.push_back(one_line(cell.display()));
    add_line(line);
  };
  add_line(sheet.headings);
  for (const auto& row : sheet.rows) add_cells(row);
  if (!sheet.totals.empty()) {
    std::size_t total_width = 0;
    for (const auto w : widths) total_width += w + 2;
    std::string rule;
    for (std::size_t i = 0; i + 2 < total_width; ++i) rule += "-";
    out += rule + "\n";
    for (const auto& row : sheet.totals) add_cells(row);
  }
  for (const auto& note : sheet.notes) out += note + "\n";
  return out;
}

}  // namespace loaxa::hub
