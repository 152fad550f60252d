// loaxa segment add|list|show|approve|remove

#include "cli/commands.hpp"
#include "cli/output.hpp"
#include "common/clock.hpp"
#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "library/importer.hpp"
#include "store/category_store.hpp"
#include "store/segment_store.hpp"

#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Transaction.h>
#include <sqlite3.h>
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace loaxa::cli {
namespace {

struct AddOptions {
  std::vector<std::string> files;
  std::string category;
  std::optional<std::string> title;
  std::optional<std::string> valid_from;
  std::optional<std::string> valid_until;
  bool approve = false;
};

std::optional<std::chrono::year_month_day> date_option(const std::optional<std::string>& text, const char* option) {
  if (!text) return std::nullopt;
  auto date = parse_date(*text);
  if (!date) {
    throw std::runtime_error(
        trf("{} '{}' is not a date. Write dd/mm/yyyy or yyyy-mm-dd, e.g. 05/02/2027.", option, *text));
  }
  return date;
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

  library::Importer importer(context.home(), context.db(), context.config(), context.clock());
  nlohmann::json results = nlohmann::json::array();
  Progress progress(options.files.size());
  std::size_t failures = 0;
  for (std::size_t i = 0; i < options.files.size(); ++i) {
    request.file = options.files[i];
    const std::string name = request.file.filename().string();
    request.progress = [&progress, i, &name](double fraction) { progress.show(i, name, fraction); };
    progress.show(i, name, 0.0);
    try {
      auto result = importer.import(request);
      progress.clear();
      const auto& s = result.segment;
      if (context.json) {
        auto item = segment_json(s);
        item["file"] = options.files[i];
        item["already_present"] = result.already_present;
        results.push_back(item);
      } else if (result.already_present) {
        std::cout << trf("Already in the library: segment {} \"{}\" has the same content as {}.", s.id, s.title,
                         options.files[i])
                  << '\n';
      } else {
        std::cout << trf("Imported segment {}: \"{}\" ({}, {}, {:.1f} LUFS, {}).", s.id, s.title, s.category,
                         format_duration(s.duration_ms), s.loudness_lufs, approval_text(s.approved))
                  << '\n';
      }
    } catch (const library::ImportError& e) {
      progress.clear();
      ++failures;
      std::cerr << tr("Error: ") << e.what() << '\n';
      if (context.json) results.push_back({{"file", options.files[i]}, {"error", e.what()}});
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

store::Segment require_segment(Context& context, std::int64_t id) {
  auto segment = store::SegmentStore(context.db()).find(id);
  if (!segment) throw std::runtime_error(trf("There is no segment with ID {}. See: loaxa segment list", id));
  return *segment;
}

std::string validity_text(const store::Segment& s) {
  if (!s.valid_from && !s.valid_until) return "";
  return fmt::format("{}–{}", s.valid_from ? display_iso_date(*s.valid_from) : "",
                     s.valid_until ? display_iso_date(*s.valid_until) : "");
}

void run_list(Context& context, const std::optional<std::string>& category_text) {
  std::optional<std::string> category;
  if (category_text) {
    category = store::normalize_category_code(*category_text);
    if (!category || !store::CategoryStore(context.db()).find(*category)) {
      throw std::runtime_error(trf("Unknown category '{}'. See: loaxa category list", *category_text));
    }
  }
  auto segments = store::SegmentStore(context.db()).list(category);
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
    rows.push_back({std::to_string(s.id), s.category, format_duration(s.duration_ms),
                    fmt::format("{:.1f}", s.loudness_lufs), approval_text(s.approved), validity_text(s), s.title});
  }
  print_table({tr("ID"), tr("Category"), tr("Duration"), tr("LUFS"), tr("Approval"), tr("Valid"), tr("Title")}, rows);
}

void run_show(Context& context, std::int64_t id) {
  auto s = require_segment(context, id);
  if (context.json) {
    print_json(segment_json(s));
    return;
  }
  std::vector<std::vector<std::string>> rows{
      {tr("ID"), std::to_string(s.id)},
      {tr("Title"), s.title},
      {tr("Category"), s.category},
      {tr("Duration"), fmt::format("{} ({} ms)", format_duration(s.duration_ms), s.duration_ms)},
      {tr("Audio"), trf("{}, {} Hz, {} channels", s.format, s.sample_rate, s.channels)},
      {tr("Loudness"), fmt::format("{:.1f} LUFS, {} {:.1f} dBTP", s.loudness_lufs, tr("true peak"), s.true_peak_dbtp)},
      {tr("Sound from"), fmt::format("{:.2f} s → {:.2f} s", static_cast<double>(s.trim_start_ms) / 1000.0,
                                     static_cast<double>(s.trim_end_ms) / 1000.0)},
      {tr("Approval"), approval_text(s.approved)},
      {tr("Valid"), validity_text(s).empty() ? tr("always") : validity_text(s)},
      {tr("Original file"), s.original_name},
      {tr("Stored as"), (context.home().segments() / s.file_name).string()},
      {tr("SHA-256"), s.sha256},
      {tr("Imported"), s.imported_at},
  };
  for (const auto& row : rows) std::cout << pad_label(row[0]) << row[1] << '\n';
}

void run_approve(Context& context, std::int64_t id) {
  auto s = require_segment(context, id);
  store::SegmentStore(context.db()).approve(id, iso_utc(context.clock().now()));
  auto approved = require_segment(context, id);
  if (context.json)
    print_json(segment_json(approved));
  else if (s.approved)
    std::cout << trf("Segment {} \"{}\" was already approved.", id, s.title) << '\n';
  else
    std::cout << trf("Approved segment {} \"{}\".", id, s.title) << '\n';
}

void run_remove(Context& context, std::int64_t id) {
  auto s = require_segment(context, id);
  try {
    SQLite::Transaction transaction(context.db().sql());
    store::SegmentStore(context.db()).remove(id);
    transaction.commit();
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
      throw std::runtime_error(
          trf("Segment {} \"{}\" is used by a programme; remove it from the programme first.", id, s.title));
    }
    throw;
  }
  // The row is gone first: a crash here leaves an unused file, never a row without its audio.
  std::error_code ec;
  std::filesystem::remove(context.home().segments() / s.file_name, ec);
  if (context.json)
    print_json({{"removed", id}});
  else
    std::cout << trf("Removed segment {} \"{}\".", id, s.title) << '\n';
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

  auto* approve = segment->add_subcommand("approve", tr("approve a segment so it may air"));
  approve->add_option("id", *id, tr("segment ID"))->required();
  approve->callback([&context, id] { run_approve(context, *id); });

  auto* remove = segment->add_subcommand("remove", tr("remove a segment and its file"));
  remove->add_option("id", *id, tr("segment ID"))->required();
  remove->callback([&context, id] { run_remove(context, *id); });
}

}  // namespace loaxa::cli
