#include "hub/mandate_commands.hpp"

#include "common/i18n.hpp"
#include "common/sha256.hpp"
#include "common/text_width.hpp"
#include "config/config.hpp"
#include "hub/command_support.hpp"
#include "hub/mandate_sheet.hpp"
#include "hub/report.hpp"
#include "library/audio_check.hpp"
#include "library/staged_file.hpp"
#include "schedules/error.hpp"
#include "schedules/mandate_terms.hpp"
#include "schedules/time_zone.hpp"
#include "store/play_status_words.hpp"
#include "store/utc_text.hpp"
#include "wording/import_messages.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <iostream>
#include <set>
#include <stdexcept>

namespace loaxa::hub::cli {
namespace {

using nlohmann::json;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

schedules::LocalDate date_option(const char* option, const std::string& text) {
  try {
    return schedules::parse_date(text);
  } catch (const schedules::ScheduleError&) {
    throw std::runtime_error(trf("{} {}: write a date as YYYY-MM-DD or dd/mm/yyyy, e.g. 2027-01-04.", option, text));
  }
}

int times_per_week_option(const std::string& text) {
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || stop != end || value < 1 || value > schedules::kMaxTimesPerWeek) {
    throw std::runtime_error(trf("--times-per-week {}: write a whole number of airings a week from 1 to {}.", text,
                                 schedules::kMaxTimesPerWeek));
  }
  return value;
}

std::vector<schedules::TimeWindow> windows_option(const std::string& text) {
  try {
    return schedules::parse_windows(text);
  } catch (const schedules::ScheduleError& e) {
    throw std::runtime_error(
        trf("--window {}: '{}' is not accepted. Write each window as HH:MM-HH:MM, ending after it starts, at most {}, "
            "not overlapping, separated by commas, e.g. 05:00-07:00,17:00-19:00.",
            text, e.subject, schedules::kMaxWindows));
  }
}

schedules::MandateTerms terms_of(const MandateOptions& options) {
  schedules::MandateTerms terms;
  terms.from = date_option("--from", options.from);
  terms.until = date_option("--until", options.until);
  if (terms.until < terms.from) {
    throw std::runtime_error(trf("--until {} is before --from {}: a mandate ends on or after the day it starts.",
                                 options.until, options.from));
  }
  terms.times_per_week = times_per_week_option(options.times_per_week);
  if (options.windows) terms.windows = windows_option(*options.windows);
  try {
    terms.level = schedules::parse_mandate_level(options.level);
  } catch (const schedules::ScheduleError&) {
    throw std::runtime_error(trf("--level {}: write normal, priority or emergency.", options.level));
  }
  schedules::check_terms(terms);  // what is left after the checks above: none, kept as the rule's guard
  return terms;
}

// The stations the mandate addresses: the named ones, a group's, else every station.
std::vector<std::string> addressed(HubStore& store, const MandateOptions& options) {
  if (options.group && !options.stations.empty()) {
    throw std::runtime_error(
        tr("Give --group or --station, not both: a mandate goes to a group or to named stations."));
  }
  const auto all = store.stations();
  std::vector<std::string> out;
  if (options.group) {
    for (const auto& s : all) {
      if (s.group == *options.group) out.push_back(s.id);
    }
    if (out.empty() || options.group->empty()) {
      throw std::runtime_error(trf("No station is in group '{}' (see: loaxa-hub station list).", *options.group));
    }
    return out;
  }
  if (!options.stations.empty()) {
    std::set<std::string> seen;
    for (const auto& id : options.stations) {
      require_station(store, id);
      if (seen.insert(id).second) out.push_back(id);
    }
    return out;
  }
  for (const auto& s : all) out.push_back(s.id);
  if (out.empty())
    throw std::runtime_error(tr("No station on this hub yet: add one with loaxa-hub station add ID --name NAME"));
  return out;
}

// Whether `path` holds exactly the bytes whose SHA-256 is `sha256` (a file already stored
// for an earlier mandate is reused; one damaged since is replaced).
bool holds(const std::filesystem::path& path, const std::string& sha256, std::int64_t size) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return false;
  if (static_cast<std::int64_t>(std::filesystem::file_size(path, ec)) != size || ec) return false;
  std::ifstream in(path, std::ios::binary);
  Sha256 hash;
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    hash.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  return !in.bad() && hash.finish() == sha256;
}

std::int64_t mandate_id(const std::string& text) {
  std::int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || stop != end || value < 1) {
    throw std::runtime_error(trf("'{}' is not a mandate number (see: loaxa-hub mandate list).", text));
  }
  return value;
}

[[noreturn]] void no_such_mandate(std::int64_t id) {
  throw std::runtime_error(trf("There is no mandate {} on this hub (see: loaxa-hub mandate list).", id));
}

const schedules::TimeZone& hub_zone() {
  static const schedules::TimeZone zone(schedules::TimeZone::default_name);
  return zone;
}

std::string when(const std::optional<Instant>& at) {
  return at ? display_time(*at, hub_zone()) : std::string("—");
}

json time_or_null(const std::optional<Instant>& at) {
  return at ? json(store::utc_text(*at)) : json(nullptr);
}

double one_decimal(double value) {
  return std::round(value * 10.0) / 10.0;
}

std::vector<std::string> window_texts(const schedules::MandateTerms& terms) {
  std::vector<std::string> out;
  for (const auto& window : schedules::windows_of(terms)) out.push_back(schedules::format_windows({window}));
  return out;
}

json mandate_json(const Mandate& m) {
  const auto& o = m.order;
  return {{"id", o.id},
          {"title", o.title},
          {"category", o.category},
          {"from", schedules::format_date(o.terms.from)},
          {"until", schedules::format_date(o.terms.until)},
          {"times_per_week", o.terms.times_per_week},
          {"windows", window_texts(o.terms)},
          {"level", schedules::to_string(o.terms.level)},
          {"required", schedules::required_airings(o.terms)},
          {"sha256", o.sha256},
          {"size", o.size},
          {"file_name", o.file_name},
          {"issued_at", store::utc_text(o.issued_at)},
          {"cancelled", m.cancelled_at.has_value()},
          {"cancelled_at", time_or_null(m.cancelled_at)},
          {"stations", m.stations}};
}

schedules::LocalDate today_of(const Clock& clock) {
  return schedules::date_of(std::chrono::floor<std::chrono::seconds>(hub_zone().to_local(clock.now())));
}

// The sheet's headings and rows in aligned columns (its notes below).
void print_sheet(const Sheet& sheet) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& row : sheet.rows) {
    std::vector<std::string> line;
    for (const auto& cell : row) line.push_back(cell.kind == Cell::Kind::empty ? "—" : cell.display());
    rows.push_back(std::move(line));
  }
  print_aligned(sheet.headings, rows);
  for (const auto& note : sheet.notes) std::cout << note << '\n';
}

std::string size_text(std::int64_t bytes) {
  if (bytes < 1024 * 1024) return fmt::format("{:.1f} KB", static_cast<double>(bytes) / 1024.0);
  return fmt::format("{:.1f} MB", static_cast<double>(bytes) / 1024.0 / 1024.0);
}

}  // namespace

int mandate_add(const Common& common, const MandateOptions& options) {
  // Everything is checked before anything is written: the terms, the stations, the audio.
  Mandate mandate;
  auto& order = mandate.order;
  order.title = trimmed(options.title);
  if (order.title.empty()) throw std::runtime_error(tr("A mandate needs a title (--title)."));
  order.category = category_code(options.category);
  order.terms = terms_of(options);
  auto opened = open_hub(common.home);
  mandate.stations = addressed(*opened.store, options);
  const auto clock = hub_clock();

  const auto& file = options.file;
  const auto folder = opened.home.mandates();
  std::optional<library::StagedFile> staged;
  try {
    library::check_audio_source(file);
    std::error_code ec;
    std::filesystem::create_directories(folder, ec);
    if (ec) throw std::runtime_error(trf("Cannot create the folder {}: {}", folder.string(), ec.message()));
    ::chmod(folder.c_str(), 0750);
    library::sweep_stale_staging(folder);
    try {
      staged.emplace(file, folder);
    } catch (const std::system_error& e) {
      throw std::runtime_error(trf("Cannot copy {} into {}: {}", file.string(), folder.string(), e.what()));
    }
    // The copy is what is measured and stored: what the stations get is what was checked.
    library::measure_audio(file, staged->path(), Config{}.silence_threshold_dbfs);
  } catch (const library::ImportError& e) {
    throw std::runtime_error(wording::describe(e) + "\n" + tr("Nothing was added."));
  }
  order.sha256 = staged->sha256();
  order.size = staged->size();
  order.file_name = file.filename().string();
  order.issued_at = clock->now();

  const auto stored = folder / order.sha256;
  const bool placed = !holds(stored, order.sha256, order.size);
  if (placed) {
    try {
      staged->commit(stored);  // rename over a damaged copy, then fsync the folder
    } catch (const std::system_error& e) {
      throw std::runtime_error(trf("Cannot store the audio as {}: {}", stored.string(), e.what()));
    }
  }
  try {
    order.id = opened.store->add_mandate(mandate);
  } catch (...) {
    // No row names a file placed just now (content-addressed: an earlier mandate's file was
    // reused, not placed): it must not stay behind.
    std::error_code ec;
    if (placed) std::filesystem::remove(stored, ec);
    throw;
  }
  match_home_owner(opened.home);
  if (common.json) {
    std::cout << mandate_json(mandate).dump(2) << '\n';
    return 0;
  }
  std::string stations;
  for (const auto& id : mandate.stations) stations += (stations.empty() ? "" : ", ") + id;
  std::cout << trf("Mandate {} added: \"{}\" ({}), {} to {}, {} airings required of each station. Stations: {}.",
                   order.id, order.title, order.category, schedules::format_date(order.terms.from),
                   schedules::format_date(order.terms.until), schedules::required_airings(order.terms), stations)
            << '\n'
            << trf("The stations fetch it at their next poll; see who received and aired it with: loaxa-hub mandate "
                   "show {}",
                   order.id)
            << '\n';
  return 0;
}

int mandate_list(const Common& common) {
  auto opened = open_hub(common.home);
  const auto mandates = opened.store->mandates();
  if (common.json) {
    json list = json::array();
    for (const auto& m : mandates) list.push_back(mandate_json(m));
    std::cout << list.dump(2) << '\n';
    return 0;
  }
  if (mandates.empty()) {
    std::cout << tr("No mandate yet: add one with loaxa-hub mandate add FILE --title … --category CDS --from DATE "
                    "--until DATE --times-per-week N")
              << '\n';
    return 0;
  }
  print_sheet(mandates_sheet(mandates, today_of(*hub_clock()), hub_zone()));
  return 0;
}

int mandate_show(const Common& common, const std::string& id_text) {
  const auto id = mandate_id(id_text);
  auto opened = open_hub(common.home);
  const auto view = opened.store->mandate_view(id, hub_zone());
  if (!view) no_such_mandate(id);
  const auto& m = view->mandate;
  const auto& o = m.order;
  if (common.json) {
    json stations = json::array();
    for (const auto& s : view->stations) {
      const bool declined = s.state == wire::MandateState::declined;
      const bool refused = s.state == wire::MandateState::refused;
      stations.push_back({{"station_id", s.station_id},
                          {"received", time_or_null(s.received_at)},
                          {"required", s.required},
                          {"aired", s.aired},
                          {"heard_pct", s.heard_pct ? json(one_decimal(*s.heard_pct)) : json(nullptr)},
                          {"declined", declined ? json(s.reason) : json(nullptr)},
                          {"refused", refused ? json(s.reason) : json(nullptr)},
                          {"planned", s.planned ? json(*s.planned) : json(nullptr)},
                          {"reported_at", time_or_null(s.reported_at)}});
    }
    std::cout << json{{"mandate", mandate_json(m)}, {"stations", stations}}.dump(2) << '\n';
    return 0;
  }
  const auto line = [](const std::string& label, const std::string& value) {
    std::cout << pad_right(label, 24) << value << '\n';
  };
  line(tr("Mandate"), std::to_string(o.id));
  line(tr("Title"), o.title);
  line(tr("Category"), o.category);
  line(tr("Days"), schedules::format_date(o.terms.from) + " … " + schedules::format_date(o.terms.until));
  line(tr("Times per week"), std::to_string(o.terms.times_per_week));
  line(tr("Windows"), schedules::format_windows(schedules::windows_of(o.terms)));
  line(tr("Level"), store::mandate_level_words(o.terms.level));
  line(tr("Required per station"), std::to_string(schedules::required_airings(o.terms)));
  line(tr("Audio"), fmt::format("{} ({}, SHA-256 {})", o.file_name, size_text(o.size), o.sha256));
  line(tr("Issued"), when(o.issued_at));
  line(tr("State"), mandate_state_text(m, today_of(*hub_clock()), hub_zone()));
  std::cout << '\n';
  print_sheet(mandate_stations_sheet(*view, hub_zone()));
  return 0;
}

int mandate_cancel(const Common& common, const std::string& id_text) {
  const auto id = mandate_id(id_text);
  auto opened = open_hub(common.home);
  const auto found = opened.store->find_mandate(id);
  if (!found) no_such_mandate(id);
  if (found->cancelled_at) {
    throw std::runtime_error(trf("Mandate {} was already cancelled on {}.", id, when(found->cancelled_at)));
  }
  const auto at = hub_clock()->now();
  if (!opened.store->cancel_mandate(id, at)) no_such_mandate(id);
  if (common.json) {
    std::cout << json{{"id", id}, {"cancelled_at", store::utc_text(at)}}.dump() << '\n';
    return 0;
  }
  std::cout << trf("Mandate {} is cancelled: the stations remove its airings still to come at their next poll (what "
                   "aired stays in their logs).",
                   id)
            << '\n';
  return 0;
}

void add_mandate_commands(CLI::App& app, const Common& common, MandateOptions& options, std::function<int()>& action) {
  auto* mandate_cmd =
      app.add_subcommand("mandate", tr("district bulletins: audio the stations must air so many times a week"));
  mandate_cmd->require_subcommand(1);
  auto* add_cmd = mandate_cmd->add_subcommand("add", tr("send a bulletin to the stations with its airing order"));
  add_cmd->add_option("file", options.file, tr("the bulletin's audio file"))->required();
  add_cmd->add_option("--title", options.title, tr("its title"))->required();
  add_cmd->add_option("--category", options.category, tr("category code, e.g. CDS"))->required();
  add_cmd->add_option("--from", options.from, tr("first day, YYYY-MM-DD or dd/mm/yyyy"))->required();
  add_cmd->add_option("--until", options.until, tr("last day, included"))->required();
  add_cmd->add_option("--times-per-week", options.times_per_week, tr("airings required per 7 days (1 to 21)"))
      ->required();
  add_cmd->add_option("--window", options.windows,
                      tr("hours it may air, e.g. 05:00-07:00,17:00-19:00 (default 05:00-21:00)"));
  add_cmd->add_option("--level", options.level, tr("normal (default), priority or emergency"));
  add_cmd->add_option("--group", options.group, tr("to this group's stations"));
  add_cmd->add_option("--station", options.stations, tr("to this station (may be repeated)"));
  add_cmd->callback([&] { action = [&] { return mandate_add(common, options); }; });
  auto* list_cmd = mandate_cmd->add_subcommand("list", tr("list the mandates"));
  list_cmd->callback([&] { action = [&] { return mandate_list(common); }; });
  auto* show_cmd = mandate_cmd->add_subcommand(
      "show", tr("a mandate's terms and, per station: received, required, aired, heard %, declined"));
  show_cmd->add_option("id", options.id, tr("mandate number"))->required();
  show_cmd->callback([&] { action = [&] { return mandate_show(common, options.id); }; });
  auto* cancel_cmd = mandate_cmd->add_subcommand("cancel", tr("cancel a mandate: the stations stop airing it"));
  cancel_cmd->add_option("id", options.id, tr("mandate number"))->required();
  cancel_cmd->callback([&] { action = [&] { return mandate_cancel(common, options.id); }; });
}

}  // namespace loaxa::hub::cli
