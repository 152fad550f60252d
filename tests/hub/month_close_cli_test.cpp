// `loaxa-hub report --month M --final` and what follows, run as an operator runs it: the
// close prints the report and keeps it; a later report of the month prints the same numbers
// in every format with the late arrivals apart; closing twice, closing the current month,
// and a snapshot edited in the database are refused with Vietnamese messages; --verify.

#include "hub/sqlite_hub_store.hpp"
#include "hub_cli.hpp"
#include "hub_fixture.hpp"
#include "hub_process.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <SQLiteCpp/Database.h>

using namespace loaxa;
using namespace loaxa::hub::test;
using nlohmann::json;

namespace {

// "Now": 5 January 2027, 07:00 in Vietnam — December is over, January is not.
const std::string kNow = "2027-01-05T00:00Z";

loaxa::test::ProcessResult hub_run(const std::filesystem::path& home, const std::vector<std::string>& args,
                                   const std::string& lang = "en") {
  return run_hub_at(kNow, home, args, lang);
}

void refused(const loaxa::test::ProcessResult& result, const std::string& named) {
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK(result.err.rfind("Lỗi: ", 0) == 0);
  CHECK(result.err.find(named) != std::string::npos);
  CHECK(result.out.empty());
}

}  // namespace

TEST_CASE("a month closed with --final keeps its numbers, shows late plays apart, and refuses a second close",
          "[hub][month_close][cli]") {
  loaxa::test::TempDir home;
  require_ok(hub_run(home.path(), {"station", "add", "xa-moi", "--name", "Xã Mới", "--group", "Huyện A"}));
  // hub_fixture's 8 plays from 30/11 22:30 UTC (01/12 05:30 local) on: the first 4 now, the
  // rest after the close (CDS completed then failed; CCHC missed then interrupted, in turn).
  const auto log = station_plays(8);
  {
    hub::SqliteHubStore store(home.path() / "hub.db");
    const std::vector<store::Play> first(log.begin(), log.begin() + 4);
    REQUIRE(store.append_plays("xa-moi", first, store::parse_utc_text("2026-12-01T03:00:00.000Z")).acked_seq == 4);
  }
  // A report that cannot be written closes nothing.
  const auto nowhere = home.path() / "khong-co" / "bao-cao.json";
  refused(hub_run(home.path(), {"report", "--month", "2026-12", "--final", "--json", "--out", nowhere.string()}, "vi"),
          nowhere.string());
  const auto closing = hub_run(home.path(), {"report", "--month", "2026-12", "--final", "--json"});
  require_ok(closing);
  CHECK(closing.err.find("2026-12 closed on 05/01/2027 07:00") != std::string::npos);
  const auto at_close = json::parse(closing.out);
  // LOAXA_NOW's clock runs on from the moment loaxa-hub starts (opening and migrating hub.db
  // can take more than a millisecond under a sanitizer): the close is that second.
  CHECK_THAT(at_close["closed_at"].get<std::string>(), Catch::StartsWith("2027-01-05T00:00:00."));
  CHECK(at_close["late"].empty());

  // The station's other plays of December arrive a day after the close.
  {
    hub::SqliteHubStore store(home.path() / "hub.db");
    const std::vector<store::Play> rest(log.begin() + 4, log.end());
    REQUIRE(store.append_plays("xa-moi", rest, store::parse_utc_text("2027-01-06T00:00:00.000Z")).acked_seq == 8);
  }
  const auto later = json::parse(hub_run(home.path(), {"report", "--month", "2026-12", "--json"}).out);
  CHECK(later["rows"] == at_close["rows"]);
  CHECK(later["totals"] == at_close["totals"]);
  REQUIRE(later["late"].size() == 2);
  CHECK(later["late"][0]["category"] == "CCHC");
  CHECK(later["late"][0]["plays"] == 2);
  CHECK(later["late"][1]["category"] == "CDS");
  CHECK(later["late"][1]["plays"] == 2);
  // The snapshot's CDS: 1 aired (the first of the 4 held at the close). Counted live — a
  // quarter is never closed — the late plays make it 2, and CCHC's missed 2.
  const auto cds = [](const json& report) {
    for (const auto& row : report["rows"]) {
      if (row["category"] == "CDS") return row;
    }
    return json();
  };
  CHECK(cds(later)["plays_completed"] == 1);
  const auto live = json::parse(hub_run(home.path(), {"report", "--quarter", "2026-Q4", "--json"}).out);
  CHECK(cds(live)["plays_completed"] == 2);
  CHECK(live["totals"]["categories"][0]["missed"] == 2);
  CHECK(later["totals"]["categories"][0]["missed"] == 1);

  const auto table = hub_run(home.path(), {"report", "--month", "2026-12"});
  require_ok(table);
  CHECK(table.out.find("CLOSED 05/01/2027 07:00") != std::string::npos);
  CHECK(table.out.find("LATE ARRIVALS, received after the close and NOT in the numbers above:") != std::string::npos);
  CHECK(table.out.find("xa-moi CCHC: 2 plays") != std::string::npos);
  const auto csv = hub_run(home.path(), {"report", "--month", "2026-12", "--format", "csv"});
  require_ok(csv);
  CHECK(csv.out.find("xa-moi CDS: 2 plays") != std::string::npos);

  refused(hub_run(home.path(), {"report", "--month", "2026-12", "--final"}, "vi"), "2026-12");
  refused(hub_run(home.path(), {"report", "--month", "2027-01", "--final"}, "vi"), "2027-01");
  refused(hub_run(home.path(), {"report", "--month", "2027-02", "--final"}, "vi"), "2027-02");
  refused(hub_run(home.path(), {"report", "--quarter", "2026-Q4", "--final"}, "vi"), "--month");
  refused(hub_run(home.path(), {"report", "--month", "2026-11", "--final", "--group", "Huyện A"}, "vi"), "--group");

  const auto verified = hub_run(home.path(), {"report", "--month", "2026-12", "--verify"});
  require_ok(verified);
  CHECK(verified.out.find("2026-12: closed on 05/01/2027 07:00; the snapshot's signature holds.") != std::string::npos);
  refused(hub_run(home.path(), {"report", "--month", "2026-11", "--verify"}, "vi"), "2026-11");
}

TEST_CASE("a closed month edited in the database is refused loudly by every report and by --verify",
          "[hub][month_close][cli]") {
  loaxa::test::TempDir home;
  require_ok(hub_run(home.path(), {"station", "add", "xa-moi", "--name", "Xã Mới"}));
  {
    hub::SqliteHubStore store(home.path() / "hub.db");
    REQUIRE(
        store.append_plays("xa-moi", station_plays(8), store::parse_utc_text("2026-12-01T03:00:00.000Z")).acked_seq ==
        8);
  }
  require_ok(hub_run(home.path(), {"report", "--month", "2026-12", "--final", "--format", "csv"}));
  {
    SQLite::Database db((home.path() / "hub.db").string(), SQLite::OPEN_READWRITE);
    REQUIRE(db.exec("UPDATE month_close SET snapshot = replace(snapshot, '\"plays_completed\":2', "
                    "'\"plays_completed\":9')") == 1);
  }
  for (const char* format : {"table", "csv", "json", "xlsx"}) {
    refused(hub_run(home.path(), {"report", "--month", "2026-12", "--format", format}, "vi"), "2026-12");
  }
  refused(hub_run(home.path(), {"report", "--month", "2026-12", "--verify"}, "vi"), "2026-12");
  // Other months are untouched by it.
  require_ok(hub_run(home.path(), {"report", "--month", "2026-11", "--json"}));
}
