#include "hub/report_xlsx.hpp"

#include "common/text_width.hpp"

#include <xlsxwriter.h>

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

namespace loaxa::hub {
namespace {

struct Formats {
  lxw_format* heading;
  lxw_format* integer;
  lxw_format* decimal;
  lxw_format* time;
  lxw_format* total_text;
  lxw_format* total_integer;
  lxw_format* total_decimal;
};

Formats make_formats(lxw_workbook* book) {
  Formats f{};
  f.heading = workbook_add_format(book);
  format_set_bold(f.heading);
  format_set_text_wrap(f.heading);
  f.integer = workbook_add_format(book);
  format_set_num_format(f.integer, "0");
  f.decimal = workbook_add_format(book);
  format_set_num_format(f.decimal, "0.0");
  f.time = workbook_add_format(book);
  format_set_num_format(f.time, "dd/mm/yyyy hh:mm");
  for (auto** total : {&f.total_text, &f.total_integer, &f.total_decimal}) {
    *total = workbook_add_format(book);
    format_set_bold(*total);
    format_set_top(*total, LXW_BORDER_THIN);
  }
  format_set_num_format(f.total_integer, "0");
  format_set_num_format(f.total_decimal, "0.0");
  return f;
}

void check(lxw_error error, const char* what) {
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx ") + what + ": " + lxw_strerror(error));
}

void write_cell(lxw_worksheet* ws, lxw_row_t row, lxw_col_t col, const Cell& cell, const Formats& f, bool total) {
  switch (cell.kind) {
    case Cell::Kind::integer:
      check(worksheet_write_number(ws, row, col, cell.number, total ? f.total_integer : f.integer), "number");
      return;
    case Cell::Kind::decimal:
      check(worksheet_write_number(ws, row, col, cell.number, total ? f.total_decimal : f.decimal), "number");
      return;
    case Cell::Kind::time: {
      namespace chr = std::chrono;
      const auto day = chr::floor<chr::days>(cell.local_time);
      const chr::year_month_day date{day};
      const chr::hh_mm_ss time{cell.local_time - day};
      lxw_datetime when{static_cast<int>(date.year()),
                        static_cast<int>(static_cast<unsigned>(date.month())),
                        static_cast<int>(static_cast<unsigned>(date.day())),
                        static_cast<int>(time.hours().count()),
                        static_cast<int>(time.minutes().count()),
                        static_cast<double>(time.seconds().count())};
      check(worksheet_write_datetime(ws, row, col, &when, f.time), "time");
      return;
    }
    case Cell::Kind::empty:
    case Cell::Kind::text:
      break;
  }
  const auto text = cell.display();
  if (text.empty()) {
    if (total) check(worksheet_write_blank(ws, row, col, f.total_text), "blank");
    return;
  }
  check(worksheet_write_string(ws, row, col, text.c_str(), total ? f.total_text : nullptr), "text");
}

// A temporary file's name that libxlsxwriter may create (it replaces the file at close).
std::filesystem::path temporary_xlsx() {
  auto pattern = (std::filesystem::temp_directory_path() / "loaxa-hub-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(pattern.data(), 5);
  if (fd < 0) throw std::system_error(errno, std::generic_category(), "mkstemps");
  ::close(fd);
  return pattern;
}

}  // namespace

std::string render_xlsx(const Sheet& sheet) {
  const auto file = temporary_xlsx();
  struct Remove {
    std::filesystem::path path;
    ~Remove() {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  } remove{file};

  lxw_workbook* book = workbook_new(file.c_str());
  if (book == nullptr) throw std::runtime_error("xlsx: cannot start a workbook");
  const std::string name =
      workbook_validate_sheet_name(book, sheet.sheet_name.c_str()) == LXW_NO_ERROR ? sheet.sheet_name : "report";
  lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
  const auto formats = make_formats(book);
  try {
    check(worksheet_write_string(ws, 0, 0, sheet.title.c_str(), formats.heading), "title");
    std::vector<std::size_t> widths(sheet.headings.size(), 8);
    for (std::size_t c = 0; c < sheet.headings.size(); ++c) {
      check(worksheet_write_string(ws, 1, static_cast<lxw_col_t>(c), sheet.headings[c].c_str(), formats.heading),
            "heading");
      widths[c] = std::max(widths[c], display_width(sheet.headings[c]) + 2);
    }
    auto row = static_cast<lxw_row_t>(kXlsxHeaderRows);
    for (const auto* part : {&sheet.rows, &sheet.totals}) {
      const bool total = part == &sheet.totals;
      for (const auto& cells : *part) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
          write_cell(ws, row, static_cast<lxw_col_t>(c), cells[c], formats, total);
          widths[c] = std::max(widths[c], display_width(cells[c].display()) + 2);
        }
        ++row;
      }
    }
    ++row;
    for (const auto& note : sheet.notes) check(worksheet_write_string(ws, row++, 0, note.c_str(), nullptr), "note");
    for (std::size_t c = 0; c < widths.size(); ++c) {
      const auto width = static_cast<double>(std::min<std::size_t>(widths[c], 50));
      check(worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width, nullptr), "width");
    }
    worksheet_freeze_panes(ws, kXlsxHeaderRows, 0);
  } catch (...) {
    workbook_close(book);
    throw;
  }
  check(workbook_close(book), "close");
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error("xlsx: cannot read back " + file.string());
  return bytes;
}

}  // namespace loaxa::hub
