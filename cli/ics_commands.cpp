// loaxa schedule export --ics FILE | schedule import --ics FILE

#include "cli/ics_commands.hpp"

#include "cli/ics_messages.hpp"
#include "cli/output.hpp"
#include "common/atomic_file.hpp"
#include "common/i18n.hpp"
#include "station/calendar.hpp"
#include "wording/schedule_text.hpp"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

namespace loaxa::cli {

using wording::holiday_added_text;
using wording::recurrence_text;
using wording::start_text;
namespace {

namespace fs = std::filesystem;

// A calendar of a few thousand events is well under a megabyte; anything this big is not one.
constexpr std::uintmax_t max_calendar_bytes = 32u << 20;

// Written atomically: a reader or a power cut sees the old calendar or the whole new one.
void write_calendar(const fs::path& file, const std::string& text) {
  try {
    write_file_atomically(file, text);
  } catch (const std::system_error& e) {
    throw std::runtime_error(
        trf("Cannot write {}: {}. Choose a folder you can write to.", file.string(), std::strerror(e.code().value())));
  }
}

std::string read_calendar(const fs::path& file) {
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    throw std::runtime_error(trf("Cannot read {}: {}", file.string(), std::strerror(EISDIR)));
  }
  const auto size = fs::file_size(file, ec);
  if (ec) throw std::runtime_error(trf("Cannot read {}: {}", file.string(), ec.message()));
  if (size > max_calendar_bytes) {
    throw std::runtime_error(
        trf("{} is not a calendar file (.ics): it is {} MB, far larger than a calendar.", file.string(), size >> 20));
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) throw std::runtime_error(trf("Cannot read {}: {}", file.string(), std::strerror(errno)));
  return text.str();
}

void run_export(Context& context, const std::string& file) {
  const auto out = station::export_calendar(context.station());
  write_calendar(file, out.text);
  if (context.json) {
    print_json({{"file", file}, {"slots", out.slots}, {"holidays", out.holidays}});
    return;
  }
  std::cout << trf("Wrote {}: {} slots, {} holidays.", file, out.slots, out.holidays) << '\n';
}

void run_import(Context& context, const std::string& file) {
  const std::string text = read_calendar(file);
  station::CalendarImport imported;
  try {
    imported = station::import_calendar(context.station(), text);
  } catch (const schedules::IcsError& e) {
    throw std::runtime_error(describe(e, file) + "\n" + tr("Nothing was imported."));
  }
  const auto& plan = imported.plan;
  if (context.json) {
    print_json({{"file", file},
                {"slots_added", imported.slot_ids},
                {"holidays_added", imported.holiday_ids},
                {"slots_already_present", plan.slots_present},
                {"holidays_already_present", plan.holidays_present}});
    return;
  }
  for (std::size_t i = 0; i < imported.slot_ids.size(); ++i) {
    const auto& slot = plan.slots[i].slot;
    std::cout << trf("Added slot {}: \"{}\" at {}, {}.", imported.slot_ids[i], imported.programme_names[i],
                     start_text(slot), recurrence_text(slot.rrule))
              << '\n';
  }
  for (std::size_t i = 0; i < imported.holiday_ids.size(); ++i) {
    std::cout << holiday_added_text(imported.holiday_ids[i], plan.holidays[i]) << '\n';
  }
  std::cout << trf("Imported from {}: {} slots, {} holidays.", file, imported.slot_ids.size(),
                   imported.holiday_ids.size())
            << '\n';
  if (plan.slots_present + plan.holidays_present > 0) {
    std::cout << trf("Already present, not added again: {} slots, {} holidays.", plan.slots_present,
                     plan.holidays_present)
              << '\n';
  }
}

}  // namespace

void add_ics_commands(CLI::App& schedule, Context& context, Outcome&) {
  auto export_file = std::make_shared<std::string>();
  auto* export_ = schedule.add_subcommand("export", tr("write the schedule to a calendar file"));
  export_->add_option("--ics", *export_file, tr("calendar file (.ics) to write"))->required();
  export_->callback([&context, export_file] { run_export(context, *export_file); });

  auto import_file = std::make_shared<std::string>();
  auto* import = schedule.add_subcommand("import", tr("add the slots and holidays of a calendar file"));
  import->add_option("--ics", *import_file, tr("calendar file (.ics) to read"))->required();
  import->callback([&context, import_file] { run_import(context, *import_file);
});
}  // namespace loaxa::cli

}  // namespace loaxa::cli
