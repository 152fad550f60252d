#include "hub/report_csv.hpp"

namespace loaxa::hub {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string render_csv(const Sheet& sheet) {
  std::string out(kUtf8Bom);
  const auto add_line = [&out](const auto& fields, const auto& text_of) {
    bool first = true;
    for (const auto& field : fields) {
      if (!first) out += ',';
      out += csv_field(text_of(field));
      first = false;
    }
    out += "\r\n";
  };
  add_line(sheet.headings, [](const std::string& heading) { return heading; });
  for (const auto* part : {&sheet.rows, &sheet.totals}) {
    for (const auto& row : *part) add_line(row, [](const Cell& cell) { return cell.display(); });
  }
  for (const auto& note : sheet.notes) out += csv_field(note) + "\r\n";
  return out;
}

}  // namespace loaxa::hub
