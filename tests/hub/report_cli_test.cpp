// `loaxa-hub target …` and `loaxa-hub report …` run as an operator runs them: targets set
// and refused, the month's report as JSON, CSV (BOM, quoting; read by Python's csv module)
// and XLSX (read by openpyxl), headings in Vietnamese by default and English with --lang en, bad
// periods and unwritable --out refused with nothing written, one station's plays.

#include "hub/sqlite_hub_store.hpp"
#include "hub_cli.hpp"
#include "hub_fixture.hpp"
#include "hub_process.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <iterator>

using namespace loaxa;
using namespace loaxa::hub::test;
using nlohmann::json;

namespace {

// "Now" for every run: 21 December 2026, 07:00 in Vietnam.
const std::string kNow = "2026-12-21T00:00Z";

loaxa::test::ProcessResult hub_run(const std::filesystem::path& home, const std::vector<std::string>& args,
                                   const std::string& lang = "en") {
  return run_hub_at(kNow, home, args, lang);
}

// Three stations: xa-moi and xa-yen in Huyện A, xa-xa in none. xa-moi aired 8 plays on
// 1 December (hub_fixture: CDS 2 completed + 2 failed, CCHC 2 missed + 2 interrupted) and
// called yesterday; xa-yen called 11 days ago; xa-xa never. Targets: CDS 2 a month for every
// station, 3 for Huyện A, 2 plays and 1 minute for xa-moi; CCHC 1 a week for xa-moi.
void december_hub(const std::filesystem::path& home) {
  require_ok(hub_run(home, {"station", "add", "xa-moi", "--name", "Xã \"Mới\", thôn 1", "--group", "Huyện A"}));
  require_ok(hub_run(home, {"station", "add", "xa-yen", "--name", "Xã Yên", "--group", "Huyện A"}));
  require_ok(hub_run(home, {"station", "add", "xa-xa", "--name", "Xã Xa"}));
  {
    hub::SqliteHubStore store(home / "hub.db");
    REQUIRE(
        store.append_plays("xa-moi", station_plays(8), store::parse_utc_text("2026-12-01T03:00:00.000Z")).acked_seq ==
        8);
    store.record_contact("xa-moi", store::parse_utc_text("2026-12-20T00:00:00.000Z"));
    store.record_contact("xa-yen", store::parse_utc_text("2026-12-10T00:00:00.000Z"));
  }
  require_ok(hub_run(home, {"target", "set", "--category", "CDS", "--min", "2"}));
  require_ok(hub_run(home, {"target", "set", "--category", "CDS", "--min", "3", "--group", "Huyện A"}));
  require_ok(
      hub_run(home, {"target", "set", "--category", "cds", "--min", "2", "--min-minutes", "1", "--station", "xa-moi"}));
  require_ok(
      hub_run(home, {"target", "set", "--category", "CCHC", "--per", "week", "--min", "1", "--station", "xa-moi"}));
}

std::string read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const json& row_of(const json& rows, const std::string& station, const std::string& category) {
  for (const auto& row : rows) {
    if (row["station_id"] == station && row["category"] == category) return row;
  }
  FAIL("no row " << station << " " << category);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("targets are set, listed and removed, and mistakes are refused in Vietnamese naming the value",
          "[hub][report][cli]") {
  loaxa::test::TempDir home;
  december_hub(home.path());
  const auto listed = hub_run(home.path(), {"target", "list", "--json"});
  require_ok(listed);
  const auto targets = json::parse(listed.out);
  REQUIRE(targets.size() == 4);
  CHECK(targets[0]["category"] == "CCHC");
  CHECK(targets[0]["per"] == "week");
  CHECK(targets[1]["scope"] == "hub");
  CHECK(targets[2]["scope_name"] == "Huyện A");
  CHECK(targets[3]["min_minutes"] == 1.0);
  const auto table = hub_run(home.path(), {"target", "list"});
  CHECK(table.out.find("group Huyện A") != std::string::npos);

  const auto refused = [&](std::vector<std::string> args, const std::string& named) {
    const auto result = hub_run(home.path(), std::move(args), "vi");
    INFO(result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.err.rfind("Lỗi: ", 0) == 0);
    CHECK(result.err.find(named) != std::string::npos);
  };
  refused({"target", "set", "--category", "CDS", "--min", "-1"}, "-1");
  refused({"target", "set", "--category", "C D", "--min", "1"}, "'C D'");
  refused({"target", "set", "--category", "", "--min", "1"}, "''");
  refused({"target", "set", "--category", "CDS", "--per", "day", "--min", "1"}, "day");
  refused({"target", "set", "--category", "CDS", "--min", "1", "--min-minutes", "-5"}, "-5");
  refused({"target", "set", "--category", "CDS", "--min", "1000001"}, "1000001");
  refused({"target", "set", "--category", "CDS", "--min", "1", "--station", "xa-khong"}, "xa-khong");
  refused({"target", "set", "--category", "CDS", "--min", "1", "--group", "Huyện Z"}, "Huyện Z");
  refused({"target", "set", "--category", "CDS", "--min", "1", "--group", "Huyện A", "--station", "xa-moi"},
          "--station");
  refused({"target", "remove", "--category", "KHAC"}, "KHAC");

  require_ok(hub_run(home.path(), {"target", "remove", "--category", "CDS", "--group", "Huyện A"}));
  CHECK(json::parse(hub_run(home.path(), {"target", "list", "--json"}).out).size() == 3);
}

TEST_CASE(
    "the month's report as JSON: a row per station and category, zero rows where a target applies, flags, "
    "totals",
    "[hub][report][cli]") {
  loaxa::test::TempDir home;
  december_hub(home.path());
  const auto result = hub_run(home.path(), {"report", "--month", "2026-12", "--format", "json"});
  require_ok(result);
  const auto report = json::parse(result.out);
  CHECK(report["month"] == "2026-12");
  const auto& rows = report["rows"];
  REQUIRE(rows.size() == 4);
  CHECK(rows[0]["station_id"] == "xa-xa");  // no group comes first

  const auto& cds = row_of(rows, "xa-moi", "CDS");
  CHECK(cds["plays_completed"] == 2);
  CHECK(cds["minutes_aired"] == 1.3);  // 2 × 30 s + 2 × 10 s
  CHECK(cds["missed"] == 0);
  CHECK(cds["plays_scheduled"].is_null());  // no plan sent: unknown, not 0
  CHECK(cds["aired_pct"].is_null());
  CHECK(cds["heard_pct"].is_null());
  CHECK(cds["target"] == 2);  // the station's own, over its group's 3
  CHECK(cds["target_minutes"] == 1.0);
  CHECK(cds["meets_target"] == true);
  CHECK(cds["last_contact"] == "2026-12-20T00:00:00.000Z");
  CHECK(cds["silent"] == false);

  const auto& cchc = row_of(rows, "xa-moi", "CCHC");
  CHECK(cchc["missed"] == 2);
  CHECK(cchc["interrupted"] == 2);
  CHECK(cchc["target"] == 5);  // 1 a week over December's 31 days: 4.43, rounded up
  CHECK(cchc["target_rule"]["per"] == "week");
  CHECK(cchc["meets_target"] == false);

  const auto& yen = row_of(rows, "xa-yen", "CDS");  // aired nothing: still listed, zeros
  CHECK(yen["plays_completed"] == 0);
  CHECK(yen["target"] == 3);
  CHECK(yen["meets_target"] == false);
  CHECK(yen["silent"] == true);  // 11 days without contact
  CHECK(row_of(rows, "xa-xa", "CDS")["target"] == 2);
  CHECK(row_of(rows, "xa-xa", "CDS")["silent"] == true);

  const auto& totals = report["totals"]["categories"];
  REQUIRE(totals.size() == 2);
  CHECK(totals[1]["category"] == "CDS");
  CHECK(totals[1]["stations"] == 3);
  CHECK(totals[1]["plays_completed"] == 2);
  CHECK(totals[1]["stations_meeting_target"] == 1);
  CHECK(totals[1]["stations_with_target"] == 3);
  CHECK(totals[1]["stations_silent"] == 2);
  CHECK(report["totals"]["groups"].size() == 3);  // (none) CDS, Huyện A CCHC and CDS

  // A longer allowance: xa-yen is no longer silent; a group narrows the rows.
  const auto lenient = json::parse(
      hub_run(home.path(), {"report", "--month", "2026-12", "--format", "json", "--silent-after", "12d"}).out);
  CHECK(row_of(lenient["rows"], "xa-yen", "CDS")["silent"] == false);
  const auto group = json::parse(
      hub_run(home.path(), {"report", "--month", "2026-12", "--json", "--group", "Huyện A", "--category", "CDS"}).out);
  CHECK(group["rows"].size() == 2);

  // A quarter counts monthly targets three times.
  const auto quarter = json::parse(hub_run(home.path(), {"report", "--quarter", "2026-Q4", "--json"}).out);
  CHECK(quarter["period_kind"] == "quarter");
  CHECK(row_of(quarter["rows"], "xa-yen", "CDS")["target"] == 9);
  CHECK(quarter["rows"].size() == 4);
  const auto year = json::parse(hub_run(home.path(), {"report", "--year", "2026", "--json"}).out);
  CHECK(row_of(year["rows"], "xa-xa", "CDS")["target"] == 24);
}

TEST_CASE("the report as CSV: a BOM, RFC 4180 quotes, Vietnamese headings, English with --lang en",
          "[hub][report][cli]") {
  loaxa::test::TempDir home;
  december_hub(home.path());
  const auto vi = hub_run(home.path(), {"report", "--month", "2026-12", "--format", "csv"}, "vi");
  require_ok(vi);
  REQUIRE(vi.out.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(vi.out.find("lĩnh vực") != std::string::npos);  // category
  CHECK(vi.out.find("xa-moi,\"Xã \"\"Mới\"\", thôn 1\",Huyện A,CDS,2,1.3,—,0,0,") != std::string::npos);
  CHECK(vi.out.find("\r\n") != std::string::npos);
  const auto en = hub_run(home.path(), {"report", "--month", "2026-12", "--format", "csv"});
  require_ok(en);
  CHECK(en.out.find("station,name,group,category,plays aired,duration (minutes),plays scheduled,missed,"
                    "interrupted,aired/scheduled %,heard %,target (plays),target (minutes),meets target,"
                    "last contact,silent\r\n") != std::string::npos);
  CHECK(en.out.find("SILENT") != std::string::npos);
  CHECK(en.out.find("TOTAL") != std::string::npos);

  // Python's csv module, as another program would read the file.
  const auto file = home.path() / "bao-cao.csv";
  require_ok(hub_run(home.path(), {"report", "--month", "2026-12", "--format", "csv", "--out", file.string()}, "vi"));
  const char* script = R"py(
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
print("columns", len(rows[0]), "widths", sorted(set(len(r) for r in rows[1:9])))
for r in rows:
    if r[0] == "xa-moi" and r[3] == "CDS":
        print("row", "|".join(r[:8]))
)py";
  const auto read = loaxa::test::run_process({"/usr/bin/python3", "-c", script, file.string()});
  INFO(read.err);
  REQUIRE(read.exit_code == 0);
  CHECK(read.out.find("columns 16 widths [16]\n") != std::string::npos);  // 4 rows and 4 totals, all whole
  CHECK(read.out.find("row xa-moi|Xã \"Mới\", thôn 1|Huyện A|CDS|2|1.3|—|0\n") != std::string::npos);

  const auto table = hub_run(home.path(), {"report", "--month", "2026-12"});
  require_ok(table);
  CHECK(table.out.find("Monthly report 12/2026") != std::string::npos);
  CHECK(table.out.find("SILENT: no contact for more than 3 days: xa-xa, xa-yen.") != std::string::npos);
  CHECK(table.out.find("× 31 days / 7") != std::string::npos);
}

TEST_CASE("the report as XLSX read by openpyxl: number cells, text headings, a frozen header, the totals rows",
          "[hub][report][cli]") {
  loaxa::test::TempDir home;
  december_hub(home.path());
  const auto file = home.path() / "bao-cao-12.xlsx";
  const auto result = hub_run(home.path(), {"report", "--month", "2026-12", "--format", "xlsx", "--out", file}, "vi");
  require_ok(result);
  REQUIRE(std::filesystem::exists(file));
  CHECK(read_file(file).rfind("PK\x03\x04", 0) == 0);
  // Debian's python3-openpyxl, an independent reader of the format: each cell's type as it
  // reads it (n number, s text, d date) and its value, the pane frozen and the bold totals.
  const char* script = R"py(
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
ws = book.worksheets[0]
print("sheets", len(book.worksheets), "frozen", ws.freeze_panes)
print("title", ws["A1"].value)
heads = list(ws[2])
print("headings", len(heads), "text", sum(1 for c in heads if c.data_type == "s" and isinstance(c.value, str)))
print("heading D", heads[3].value)
print("format F5", ws["F5"].number_format)
show = lambda v: f"{v:.4f}" if isinstance(v, float) else repr(v)
for row in ws.iter_rows(min_row=3, max_col=16):
    if row[0].value is None:
        continue
    kinds = "".join(c.data_type if c.value is not None else "-" for c in row)
    values = "|".join(show(c.value) for c in row[3:12])
    print("row", row[0].row, row[0].value, kinds, values, "bold" if row[0].font.b else "plain")
)py";
  const auto read = loaxa::test::run_process({"/usr/bin/python3", "-c", script, file.string()});
  INFO(read.err);
  INFO(read.out);
  REQUIRE(read.exit_code == 0);
  CHECK(read.out.find("sheets 1 frozen A3\n") != std::string::npos);  // the title and headings stay in view
  CHECK(read.out.find("title Báo cáo tháng 12/2026") != std::string::npos);
  CHECK(read.out.find("headings 16 text 16\n") != std::string::npos);
  CHECK(read.out.find("heading D lĩnh vực\n") != std::string::npos);
  // Row 3 is xa-xa (no group first), 4 and 5 xa-moi's CCHC and CDS: numbers are numbers —
  // plays aired, minutes (kept whole, shown to one decimal), missed, interrupted, target —
  // "—" (unknown) is text, the last contact a date.
  CHECK(read.out.find("format F5 0.0\n") != std::string::npos);
  CHECK(read.out.find("row 5 xa-moi ssssnnsnnssnnsd- 'CDS'|2|1.3333|'—'|0|0|'—'|'—'|2 plain\n") != std::string::npos);
  CHECK(read.out.find("row 4 xa-moi ssssnnsnnssnssd- 'CCHC'|0|0.6667|'—'|2|2|'—'|'—'|5 plain\n") !=
        std::string::npos);  // its weekly target over December: 5
  CHECK(read.out.find("row 6 xa-yen ssssnnsnnssnssds 'CDS'|0|0|'—'|0|0|'—'|'—'|3 plain\n") != std::string::npos);
  // Then the totals rows, bold, their sums numbers: per category (CCHC, CDS), then per group.
  CHECK(read.out.find("row 7 TỔNG ssssnnsnnss--s-n 'CCHC'|0|0.6667|'—'|2|2|'—'|'—'|None bold\n") != std::string::npos);
  CHECK(read.out.find("row 8 TỔNG ssssnnsnnss--s-n 'CDS'|2|1.3333|'—'|0|0|'—'|'—'|None bold\n") != std::string::npos);
  CHECK(read.out.find("row 11 TỔNG ") != std::string::npos);
  CHECK(read.out.find("row 12 ") == std::string::npos);  // a blank row, then the notes
  CHECK(read.out.find("row 13 MẤT LIÊN LẠC: ") != std::string::npos);
}

TEST_CASE("bad periods, a format to a missing folder, and conflicting options are refused, nothing written",
          "[hub][report][cli]") {
  loaxa::test::TempDir home;
  december_hub(home.path());
  const auto refused = [&](std::vector<std::string> args, const std::string& named) {
    const auto result = hub_run(home.path(), std::move(args), "vi");
    INFO(result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.err.rfind("Lỗi: ", 0) == 0);
    CHECK(result.err.find(named) != std::string::npos);
    CHECK(result.out.empty());
  };
  refused({"report", "--month", "2026-13"}, "2026-13");
  refused({"report", "--quarter", "2026-Q5"}, "2026-Q5");
  refused({"report", "--year", "26"}, "'26'");
  refused({"report", "--month", "2026-12", "--year", "2026"}, "--quarter");
  refused({"report"}, "--month");
  refused({"report", "--month", "2026-12", "--group", "Huyện Z"}, "Huyện Z");
  refused({"report", "--month", "2026-12", "--category", "C-D"}, "C-D");
  refused({"report", "--month", "2026-12", "--silent-after", "3w"}, "3w");
  refused({"report", "--month", "2026-12", "--format", "pdf"}, "pdf");
  refused({"report", "--station", "xa-khong", "--from", "2026-12-01", "--to", "2026-12-02"}, "xa-khong");
  refused({"report", "--station", "xa-moi", "--from", "2026-12-05", "--to", "2026-12-01"}, "2026-12-01");
  refused({"report", "--station", "xa-moi", "--from", "31/02/2026", "--to", "2026-12-01"}, "31/02/2026");

  const auto missing = home.path() / "khong-co" / "bao-cao.csv";
  refused({"report", "--month", "2026-12", "--format", "csv", "--out", missing.string()}, missing.string());
  CHECK_FALSE(std::filesystem::exists(missing.parent_path()));

  // Into a folder that exists, the file is whole and no temporary is left beside it.
  const auto out = home.path() / "bao-cao.json";
  require_ok(hub_run(home.path(), {"report", "--month", "2026-12", "--format", "json", "--out", out.string()}));
  CHECK(json::parse(read_file(out))["rows"].size() == 4);
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(home.path())) {
    if (entry.path().filename().string().rfind("bao-cao", 0) == 0) ++files;
  }
  CHECK(files == 1);
}

TEST_CASE("one station's plays over days, as a table, CSV and JSON", "[hub][report][cli]") {
  loaxa::test::TempDir home;
  december_hub(home.path());
  const auto json_out =
      hub_run(home.path(), {"report", "--station", "xa-moi", "--from", "01/12/2026", "--to", "01/12/2026", "--json"});
  require_ok(json_out);
  const auto plays = json::parse(json_out.out);
  CHECK(plays["station_id"] == "xa-moi");
  CHECK(plays["from"] == "2026-11-30T17:00:00.000Z");
  REQUIRE(plays["plays"].size() == 8);
  CHECK(plays["plays"][0]["status"] == "completed");
  CHECK(plays["plays"][1]["status"] == "missed");
  CHECK(plays["plays"][1]["started_at"].is_null());

  const auto none = json::parse(
      hub_run(home.path(), {"report", "--station", "xa-moi", "--from", "2026-12-02", "--to", "2026-12-31", "--json"})
          .out);
  CHECK(none["plays"].empty());

  const auto csv = hub_run(
      home.path(), {"report", "--station", "xa-moi", "--from", "2026-12-01", "--to", "2026-12-01", "--format", "csv"});
  require_ok(csv);
  CHECK(csv.out.rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(csv.out.find("\"Định danh điện tử\nsố 0\"") != std::string::npos);  // a title with a line break, quoted
  const auto table =
      hub_run(home.path(), {"report", "--station", "xa-moi", "--from", "2026-12-01", "--to", "2026-12-01"});
  require_ok(table);
  CHECK(table.out.find("01/12/2026 05:30") != std::string::npos);
  CHECK(table.out.find("aired (completed)") != std::string::npos);
  CHECK(table.out.find("Định danh điện tử số 0") != std::string::npos);  // one line per play in a table
}

TEST_CASE("an XLSX report is refused on a terminal, and goes to a pipe whole", "[hub][report][cli]") {
  loaxa::test::TempDir home;
  december_hub(home.path());
  // script(1) gives the program a pseudo-terminal as its output, as an operator's shell does.
  const auto command = hub_binary() + " --home " + home.path().string() + " report --month 2026-12 --format xlsx";
  const auto terminal =
      loaxa::test::run_process({"/usr/bin/script", "-qec", command, "/dev/null"}, {{"LOAXA_NOW", kNow}});
  CHECK(terminal.exit_code == 1);
  CHECK(terminal.out.find("Lỗi: ") != std::string::npos);
  CHECK(terminal.out.find("--out") != std::string::npos);
  CHECK(terminal.out.find("PK") == std::string::npos);
  const auto piped = hub_run(home.path(), {"report", "--month", "2026-12", "--format", "xlsx"});
  require_ok(piped);
  CHECK(piped.out.rfind("PK\x03\x04", 0) == 0);
}
