// loaxa segment add|list|show|edit|approve|remove|verify

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "schedules/civil_time.hpp"
#include "schedules/error.hpp"
#include "station/catalogue.hpp"
#include "wording/import_messages.hpp"

#include <unistd.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {

using wording::describe;
namespace {

struct AddOptions {
  std::vector<std::string> files;
  std::string category;
  std::optional<std::string> title;
  std::optional<std::string> valid_from;
  std::optional<std::string> valid_until;
  bool approve = false;
};

// The date an option names; the option is named in the message.
std::optional<std::chrono::year_month_day> date_option(const std::optional<std::string>& text, const char* option) {
  if (!text) return std::nullopt;
  try {
    return schedules::parse_date(*text);
  } catch (const schedules::ScheduleError&) {
    throw std::runtime_error(
        trf("{} '{}' is not a date. Write dd/mm/yyyy or yyyy-mm-dd, e.g. 05/02/2027.", option, *text));
  }
}

// One line on a terminal, rewritten as files are measured, so a long import shows it is
// alive. Nothing is printed when stderr is not a terminal (scripts, logs).
class Progress {
 public:
  explicit Progress(std::size_t total) : enabled_(::isatty(STDERR_FILENO) == 1), total_(total) {}
  void show(std::size_t index, const std::string& name, double fraction) {
    if (!enabled_) return;
    std::cerr << "\r\033[K"
              << trf("[{}/{}] Measuring {}… {}%", index + 1, total_, name, static_cast<int>(fraction * 100))
              << std::flush;
  }
  void clear() {
    if (enabled_) std::cerr << "\r\033[K" << std::flush;
  }

 private:
  bool enabled_;
  std::size_t total_;
};

void run_add(Context& context, Outcome& outcome, const AddOptions& options) {
  library::ImportRequest request;
  request.category = options.category;
  request.title = options.title;
  request.valid_from = date_option(options.valid_from, "--valid-from");
  request.valid_until = date_option(options.valid_until, "--valid-until");
  request.approve = options.approve;
  if (options.title && options.files.size() > 1) {
    throw std::runtime_error(tr("--title names one segment; give one file with it, or leave it out."));
  }

  nlohmann::json results = nlohmann::json::array();
  Progress progress(options.files.size());
  std::size_t failures = 0;
  for (std::size_t i = 0; i < options.files.size(); ++i) {
    request.file = options.files[i];
    const std::string name = request.file.filename().string();
    request.progress = [&progress, i, &name](double fraction) { progress.show(i, name, fraction); };
    progress.show(i, name, 0.0);
    try {
      auto result = station::import_segment(context.station(), request);
      progress.clear();
      const auto& s = result.segment;
      if (context.json) {
        auto item = segment_json(s);
        item["file"] = options.files[i];
        item["already_present"] = result.already_present;
        item["file_restored"] = result.file_restored;
        results.push_back(item);
      } else if (result.file_restored) {
        std::cout << trf("Already in the library: segment {} \"{}\"; its missing file was put back from {}.", s.id,
                         s.title, options.files[i])
                  << '\n';
      } else if (result.already_present) {
        std::cout << trf("Already in the library: segment {} \"{}\" has the same content as {}.", s.id, s.title,
                         options.files[i])
                  << '\n';
      } else {
        std::cout << trf("Imported segment {}: \"{}\" ({}, {}, {:.1f} LUFS, {}).", s.id, s.title, s.category,
                         display_duration(s.duration_ms), s.loudness_lufs, approval_text(s.approved))
                  << '\n';
      }
    } catch (const library::ImportError& e) {
      progress.clear();
      ++failures;
      std::cerr << tr("Error: ") << describe(e) << '\n';
      if (context.json) results.push_back({{"file", options.files[i]}, {"error", describe(e)}});
    }
  }
  if (context.json) print_json(results);
  if (failures > 0) {
    if (options.files.size() > 1) {
      std::cerr << trf("{} of {} files were not imported.", failures, options.files.size()) << '\n';
    }
    outcome.exit_code = 1;
  }
}

std::string validity_text(const store::Segment& s) {
  if (!s.valid_from && !s.valid_until) return "";
  return fmt::format("{}–{}", s.valid_from ? display_iso_date(*s.valid_from) : "",
                     s.valid_until ? display_iso_date(*s.valid_until) : "");
}

void run_list(Context& context, const std::optional<std::string>& category) {
  auto segments = station::list_segments(context.station(), category);
  if (context.json) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : segments) out.push_back(segment_json(s));
    print_json(out);
    return;
  }
  if (segments.empty()) {
    std::cout << tr("The library has no segments yet. Add one with: loaxa segment add FILE --category CDS") << '\n';
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : segments) {
    rows.push_back({std::to_string(s.id), s.category, display_duration(s.duration_ms),
                    fmt::format("{:.1f}", s.loudness_lufs), approval_text(s.approved), validity_text(s), s.title});
  }
  print_table({tr("ID"), tr("Category"), tr("Duration"), tr("LUFS"), tr("Approval"), tr("Valid"), tr("Title")}, rows);
}

void run_show(Context& context, std::int64_t id) {
  auto s = station::find_segment(context.station(), id);
  if (context.json) {
    print_json(segment_json(s));
    return;
  }
  std::vector<std::vector<std::string>> rows{
      {tr("ID"), std::to_string(s.id)},
      {tr("Title"), s.title},
      {tr("Category"), s.category},
      {tr("Duration"), fmt::format("{} ({} ms)", display_duration(s.duration_ms), s.duration_ms)},
      {tr("Audio"), trf("{}, {} Hz, {} channels", s.format, s.sample_rate, s.channels)},
      {tr("Loudness"), fmt::format("{:.1f} LUFS, {} {:.1f} dBTP", s.loudness_lufs, tr("true peak"), s.true_peak_dbtp)},
      {tr("Sound from"), fmt::format("{:.2f} s → {:.2f} s", static_cast<double>(s.trim_start_ms) / 1000.0,
                                     static_cast<double>(s.trim_end_ms) / 1000.0)},
      {tr("Approval"), approval_text(s.approved)},
      {tr("Valid"), validity_text(s).empty() ? tr("always") : validity_text(s)},
      {tr("Original file"), s.original_name},
      {tr("Stored as"), (context.station().home().segments() / s.file_name).string()},
      {tr("SHA-256"), s.sha256},
      {tr("Imported"), s.imported_at},
  };
  for (const auto& row : rows) std::cout << pad_label(row[0]) << row[1] << '\n';
}

struct EditOptions {
  std::int64_t id = 0;
  std::optional<std::string> title;
  std::optional<std::string> category;
  std::optional<std::string> from;
  std::optional<std::string> until;
  bool no_from = false;
  bool no_until = false;
};

// The change a --DATE / --no-DATE pair asks for: none, set, or clear.
std::optional<std::optional<std::chrono::year_month_day>> date_change(const std::optional<std::string>& text,
                                                                      bool clear, const char* option) {
  if (clear) return std::optional<std::chrono::year_month_day>{};
  if (text) return date_option(text, option);
  return std::nullopt;
}

void run_edit(Context& context, const EditOptions& options) {
  station::SegmentEdit edit;
  edit.title = options.title;
  edit.category = options.category;
  edit.valid_from = date_change(options.from, options.no_from, "--from");
  edit.valid_until = date_change(options.until, options.no_until, "--until");
  if (!edit.title && !edit.category && !edit.valid_from && !edit.valid_until) {
    throw std::runtime_error(
        tr("Nothing to change: give --title, --category, --from, --until, --no-from or --no-until."));
  }
  const auto s = station::edit_segment(context.station(), options.id, edit);
  if (context.json) {
    print_json(segment_json(s));
    return;
  }
  std::cout << trf("Segment {} is now \"{}\" ({}), valid {}.", s.id, s.title, s.category,
                   validity_text(s).empty() ? tr("always") : validity_text(s))
            << '\n';
}

void run_approve(Context& context, std::int64_t id) {
  const auto approval = station::approve_segment(context.station(), id);
  const auto& s = approval.segment;
  if (context.json)
    print_json(segment_json(s));
  else if (approval.was_approved)
    std::cout << trf("Segment {} \"{}\" was already approved.", id, s.title) << '\n';
  else
    std::cout << trf("Approved segment {} \"{}\".", id, s.title) << '\n';
}

void run_remove(Context& context, std::int64_t id) {
  const auto s = station::remove_segment(context.station(), id);
  if (context.json)
    print_json({{"removed", id}});
  else
    std::cout << trf("Removed segment {} \"{}\".", id, s.title) << '\n';
}

void run_verify(Context& context, Outcome& outcome, bool repair) {
  using Outcome = library::VerifyReport::RowWithoutFile::Outcome;
  const auto report = station::verify_library(context.station(), repair);
  if (context.json) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : report.rows_without_files) {
      rows.push_back({{"id", r.segment.id},
                      {"file", r.segment.file_name},
                      {"outcome", r.outcome == Outcome::removed  ? "removed"
                                  : r.outcome == Outcome::in_use ? "in_use"
                                                                 : "reported"}});
    }
    auto files = [](const auto& list) {
      nlohmann::json out = nlohmann::json::array();
      for (const auto& f : list) out.push_back({{"file", f.file.filename().string()}, {"removed", f.removed}});
      return out;
    };
    nlohmann::json mismatched = nlohmann::json::array();
    for (const auto& m : report.mismatched) {
      mismatched.push_back({{"id", m.segment.id},
                            {"file", m.segment.file_name},
                            {"size", m.actual_size},
                            {"sha256", m.actual_sha256},
                            {"error", m.error}});
    }
    print_json({{"rows_checked", report.rows_checked},
                {"rows_without_files", rows},
                {"files_without_rows", files(report.files_without_rows)},
                {"stale_staging", files(report.stale_staging)},
                {"mismatched", mismatched},
                {"clean", report.clean()},
                {"needs_operator", report.needs_operator()}});
  } else if (report.clean()) {
    std::cout << trf("The library is sound: {} segments, each with its file and the content it was imported with.",
                     report.rows_checked)
              << '\n';
  } else {
    for (const auto& r : report.rows_without_files) {
      std::cout << trf("Segment {} \"{}\": its file {} is missing.", r.segment.id, r.segment.title, r.segment.file_name)
                << ' '
                << (r.outcome == Outcome::removed  ? tr("Removed the segment: nothing used it.")
                    : r.outcome == Outcome::in_use ? tr("A programme uses it: import the original file again "
                                                        "(loaxa segment add FILE) to put it back.")
                                                   : tr("Import the original file again to put it back, or run "
                                                        "loaxa segment verify --repair to remove the segment if "
                                                        "nothing uses it."))
                << '\n';
    }
    for (const auto& f : report.files_without_rows) {
      std::cout << trf("File {} belongs to no segment.", f.file.filename().string()) << ' '
                << (f.removed ? tr("Removed.") : tr("loaxa segment verify --repair removes it.")) << '\n';
    }
    for (const auto& f : report.stale_staging) {
      std::cout << trf("File {} is left over from an interrupted import.", f.file.filename().string()) << ' '
                << (f.removed ? tr("Removed.") : tr("loaxa segment verify --repair removes it.")) << '\n';
    }
    for (const auto& m : report.mismatched) {
      std::cout << trf("Segment {} \"{}\": the file {} is not what was imported ({}). Import the original file "
                       "again to replace it.",
                       m.segment.id, m.segment.title, m.segment.file_name,
                       !m.error.empty() ? m.error
                       : m.actual_size != m.segment.size_bytes
                           ? trf("{} bytes instead of {}", m.actual_size, m.segment.size_bytes)
                           : tr("its content has changed"))
                << '\n';
    }
  }
  if (report.needs_operator() || (!repair && !report.clean())) outcome.exit_code = 1;
}

}  // namespace

void add_segment_commands(CLI::App& app, Context& context, Outcome& outcome) {
  auto* segment = app.add_subcommand("segment", tr("segments (bulletins) in the library"));
  segment->require_subcommand(1);

  auto add_options = std::make_shared<AddOptions>();
  auto* add = segment->add_subcommand("add", tr("import audio files as segments"));
  add->add_option("files", add_options->files, tr("audio files (WAV, MP3, FLAC, Ogg)"))->required();
  add->add_option("--category", add_options->category, tr("category code, e.g. CDS, CCHC"))->required();
  add->add_option("--title", add_options->title, tr("title (default: the file name)"));
  add->add_option("--valid-from", add_options->valid_from, tr("first day it may air (dd/mm/yyyy)"));
  add->add_option("--valid-until", add_options->valid_until, tr("last day it may air (dd/mm/yyyy)"));
  add->add_flag("--approve", add_options->approve, tr("approve it now"));
  add->callback([&context, &outcome, add_options] { run_add(context, outcome, *add_options); });

  auto list_category = std::make_shared<std::optional<std::string>>();
  auto* list = segment->add_subcommand("list", tr("list segments"));
  list->add_option("--category", *list_category, tr("only this category"));
  list->callback([&context, list_category] { run_list(context, *list_category); });

  auto id = std::make_shared<std::int64_t>(0);
  auto* show = segment->add_subcommand("show", tr("show one segment"));
  show->add_option("id", *id, tr("segment ID"))->required();
  show->callback([&context, id] { run_show(context, *id); });

  auto edit_options = std::make_shared<EditOptions>();
  auto* edit = segment->add_subcommand("edit", tr("change a segment's title, category or validity"));
  edit->add_option("id", edit_options->id, tr("segment ID"))->required();
  edit->add_option("--title", edit_options->title, tr("new title"));
  edit->add_option("--category", edit_options->category, tr("new category code, e.g. CDS"));
  auto* from = edit->add_option("--from", edit_options->from, tr("first day it may air (dd/mm/yyyy)"));
  auto* no_from = edit->add_flag("--no-from", edit_options->no_from, tr("no first day: it may air from now on"));
  auto* until = edit->add_option("--until", edit_options->until, tr("last day it may air (dd/mm/yyyy)"));
  auto* no_until = edit->add_flag("--no-until", edit_options->no_until, tr("no last day: it never expires"));
  from->excludes(no_from);
  until->excludes(no_until);
  edit->callback([&context, edit_options] { run_edit(context, *edit_options); });

  auto* approve = segment->add_subcommand("approve", tr("approve a segment so it may air"));
  approve->add_option("id", *id, tr("segment ID"))->required();
  approve->callback([&context, id] { run_approve(context, *id); });

  auto* remove = segment->add_subcommand("remove", tr("remove a segment and its file"));
  remove->add_option("id", *id, tr("segment ID"))->required();
  remove->callback([&context, id] { run_remove(context, *id); });

  auto repair = std::make_shared<bool>(false);
  auto* verify = segment->add_subcommand("verify", tr("check that every segment has its file, unchanged"));
  verify->add_flag("--repair", *repair, tr("remove what is safe to remove: files no segment owns, leftovers"));
  verify->callback([&context, &outcome, repair] { run_verify(context, outcome, *repair); });
}

}  // namespace loaxa::cli
