#include "cli/output.hpp"

#include "common/dates.hpp"
#include "common/i18n.hpp"
#include "common/text_width.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>

namespace loaxa::cli {

void print_table(const std::vector<std::string>& headers, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> widths(headers.size());
  for (std::size_t c = 0; c < headers.size(); ++c) widths[c] = display_width(headers[c]);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], display_width(row[c]));
    }
  }
  auto print_row = [&](const std::vector<std::string>& row) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      line += c + 1 == row.size() ? row[c] : pad_right(row[c], widths[c]) + "  ";
    }
    std::cout << line << '\n';
  };
  print_row(headers);
  for (const auto& row : rows) print_row(row);
}

std::string pad_label(const std::string& label) {
  return pad_right(label + ":", 16) + " ";
}

void print_json(const nlohmann::json& value) {
  std::cout << value.dump(2) << '\n';
}

nlohmann::json segment_json(const store::Segment& s) {
  auto optional = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
  return {
      {"id", s.id},
      {"title", s.title},
      {"category", s.category},
      {"sha256", s.sha256},
      {"duration_ms", s.duration_ms},
      {"sample_rate", s.sample_rate},
      {"channels", s.channels},
      {"format", s.format},
      {"loudness_lufs", s.loudness_lufs},
      {"true_peak_dbtp", s.true_peak_dbtp},
      {"trim_start_ms", s.trim_start_ms},
      {"trim_end_ms", s.trim_end_ms},
      {"approved", s.approved},
      {"approved_at", optional(s.approved_at)},
      {"valid_from", optional(s.valid_from)},
      {"valid_until", optional(s.valid_until)},
      {"original_name", s.original_name},
      {"file_name", s.file_name},
      {"size_bytes", s.size_bytes},
      {"imported_at", s.imported_at},
  };
}

}  // namespace loaxa::cli
