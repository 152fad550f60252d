#pragma once
// `loaxa-hub mandate add|list|show|cancel`: the district bulletins (docs/MANDATES.md). `add`
// checks the terms, the stations and the audio (as a station import checks it,
// library/audio_check.hpp, worded the same) before anything is written; then the audio is
// stored content-addressed in the hub's home (mandates/<sha256>) and the mandate's row
// added. `show` is the mandate view: per addressed station, received, required, aired,
// heard %, declined or refused, planned.

#include "hub/commands.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub::cli {

struct MandateOptions {
  std::filesystem::path file;
  std::string title;
  std::string category;
  std::string from;
  std::string until;
  std::string times_per_week;  // checked here, so a mistake is worded like the others
  std::optional<std::string> windows;
  std::string level = "normal";
  std::optional<std::string> group;
  std::vector<std::string> stations;
  std::string id;  // show, cancel
};

int mandate_add(const Common& common, const MandateOptions& options);
int mandate_list(const Common& common);
int mandate_show(const Common& common, const std::string& id);
int mandate_cancel(const Common& common, const std::string& id);

// Adds `mandate` and its subcommands to `app`; the chosen one is put in `action`. `options`
// and `common` must outlive the parse and the action.
void add_mandate_commands(CLI::App& app, const Common& common, MandateOptions& options, std::function<int()>& action);

}  // namespace loaxa::hub::cli
