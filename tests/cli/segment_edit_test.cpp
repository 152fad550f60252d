// `loaxa segment edit`: title, category and validity changed in one step; every refusal
// named, and nothing changed by a refused edit.

#include "cli/cli_fixture.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

using loaxa::test::CliFixture;
using loaxa::test::write_tone_wav;

namespace {

// Imports one tone as a segment of CDS valid 01/12/2026–31/03/2027; returns its ID.
std::string imported_segment(const CliFixture& f) {
  write_tone_wav(f.dir / "a.wav", {});
  auto out = f.loaxa_json({"segment", "add", (f.dir / "a.wav").string(), "--category", "CDS", "--title", "Tin cũ",
                           "--valid-from", "01/12/2026", "--valid-until", "31/03/2027"});
  return std::to_string(out[0]["id"].get<int>());
}

// Runs a refused edit: exit 1, `reason` in the message, and the segment as it was.
// `english`: read the message in English (for wording whose Vietnamese is still pending).
void check_refused(const CliFixture& f, const std::string& id, const std::vector<std::string>& options,
                   const std::string& reason, bool english = false) {
  const auto before = f.loaxa_json({"segment", "show", id});
  std::vector<std::string> args{"segment", "edit", id};
  args.insert(args.end(), options.begin(), options.end());
  auto result = english ? f.loaxa(args, {{"LANG", "en_US.UTF-8"}}) : f.loaxa(args);
  INFO(result.err);
  CHECK(result.exit_code != 0);
  CHECK_THAT(result.err, Catch::Contains(reason));
  CHECK(f.loaxa_json({"segment", "show", id}) == before);
}

}  // namespace

TEST_CASE("segment edit changes the title, category and validity it is given", "[cli][segment][edit]") {
  CliFixture f;
  const auto id = imported_segment(f);
  REQUIRE(f.loaxa({"category", "add", "ANTT", "--name", "An ninh trật tự"}).exit_code == 0);

  auto s = f.loaxa_json({"segment", "edit", id, "--title", "  Thông báo tiêm chủng  ", "--category", "antt"});
  CHECK(s["title"] == "Thông báo tiêm chủng");
  CHECK(s["category"] == "ANTT");
  CHECK(s["valid_from"] == "2026-12-01");  // untouched
  CHECK(s["valid_until"] == "2027-03-31");

  s = f.loaxa_json({"segment", "edit", id, "--from", "2027-01-15"});
  CHECK(s["valid_from"] == "2027-01-15");
  CHECK(s["valid_until"] == "2027-03-31");
  CHECK(s["title"] == "Thông báo tiêm chủng");

  s = f.loaxa_json({"segment", "edit", id, "--no-until"});
  CHECK(s["valid_from"] == "2027-01-15");
  CHECK(s["valid_until"].is_null());

  s = f.loaxa_json({"segment", "edit", id, "--no-from", "--until", "05/02/2027"});
  CHECK(s["valid_from"].is_null());
  CHECK(s["valid_until"] == "2027-02-05");

  // The human answer says what the segment now is.
  auto human = f.loaxa({"segment", "edit", id, "--no-until"});
  CHECK(human.exit_code == 0);
  CHECK_THAT(human.out, Catch::Contains("Thông báo tiêm chủng"));
  CHECK_THAT(human.out, Catch::Contains("ANTT"));
  CHECK(f.loaxa_json({"segment", "show", id})["valid_until"].is_null());
}

TEST_CASE("segment edit moves both dates at once past the old range", "[cli][segment][edit]") {
  CliFixture f;
  const auto id = imported_segment(f);
  // Each date alone would end before the other starts; together they are a valid range.
  auto s = f.loaxa_json({"segment", "edit", id, "--from", "01/06/2027", "--until", "30/06/2027"});
  CHECK(s["valid_from"] == "2027-06-01");
  CHECK(s["valid_until"] == "2027-06-30");
}

TEST_CASE("segment edit refuses bad input and changes nothing", "[cli][segment][edit][bad-input]") {
  CliFixture f;
  const auto id = imported_segment(f);
  check_refused(f, id, {"--title", "   "}, "The title of segment " + id + " must not be empty.", true);
  check_refused(f, id, {"--category", "XYZ"}, "XYZ");
  // Together with a valid title, the unknown category still refuses the whole edit.
  check_refused(f, id, {"--title", "Mới", "--category", "XYZ"}, "XYZ");
  check_refused(f, id, {"--until", "30/11/2026"}, "30/11/2026");  // before the stored 01/12/2026
  check_refused(f, id, {"--from", "01/04/2027"}, "01/04/2027");   // after the stored 31/03/2027
  check_refused(f, id, {"--from", "31/02/2027"}, "31/02/2027");
  check_refused(f, id, {"--from", "01/01/2027", "--no-from"}, "--no-from");
  check_refused(f, id, {}, "--title");

  auto missing = f.loaxa({"segment", "edit", "999", "--title", "X"});
  CHECK(missing.exit_code == 1);
  CHECK_THAT(missing.err, Catch::Contains("999"));
}
