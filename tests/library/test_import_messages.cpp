// The operator's wording of import refusals: built from the error's data, in Vietnamese by
// default, the same sentences the importer used to build itself.

#include "common/i18n.hpp"
#include "station_fixture.hpp"
#include "support/files.hpp"
#include "wording/import_messages.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

using namespace loaxa;
using namespace loaxa::library;
using namespace loaxa::library::test;
using Kind = ImportFailure::Kind;

namespace {

// The catalogue built next to the tests, also when the binary is run by hand (ctest sets it).
void use_vietnamese() {
  ::setenv("LOAXA_LOCALEDIR", LOAXA_BINARY_DIR "/share/locale", 0);
  select_language("vi");
}

ImportError refusal_of(Station& s, const ImportRequest& request) {
  try {
    Importer(s.home, s.db(), s.config, s.clock).import(request);
  } catch (const ImportError& e) {
    return e;
  }
  FAIL("imported " << request.file);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("an unknown category names the known ones, in Vietnamese", "[library][messages]") {
  use_vietnamese();
  Station s;
  const auto e = refusal_of(s, s.request(s.tone("a.wav"), "xyz"));
  REQUIRE(e.kind() == Kind::unknown_category);
  CHECK(e.failure().category == "xyz");
  CHECK(e.failure().known_categories == std::vector<std::string>{"CCHC", "CDS"});
  const auto text = wording::describe(e);
  INFO(text);
  CHECK(text.find("xyz") != std::string::npos);
  CHECK(text.find("CCHC, CDS") != std::string::npos);
  CHECK(text.find("loaxa category add") != std::string::npos);
  CHECK(text.find("không có lĩnh vực 'xyz'") != std::string::npos);                  // translated
  CHECK(std::string(e.what()).find("unknown category 'xyz'") != std::string::npos);  // English for logs
}

TEST_CASE("decode refusals keep their reasons, translated", "[library][messages]") {
  use_vietnamese();
  Station s;
  loaxa::test::write_bytes(s.dir / "rong.mp3", "");
  const auto empty = refusal_of(s, s.request(s.dir / "rong.mp3"));
  REQUIRE(empty.failure().decode == audio::DecodeError::Kind::empty);
  CHECK(wording::describe(empty).find("tệp rỗng") != std::string::npos);
  CHECK(wording::describe(empty).find((s.dir / "rong.mp3").string()) != std::string::npos);

  const auto missing = refusal_of(s, s.request(s.dir / "khong-co.wav"));
  CHECK(wording::describe(missing).find("tệp không tồn tại") != std::string::npos);

  select_language("en");
  CHECK(wording::describe(empty) == "Cannot import " + (s.dir / "rong.mp3").string() +
                                        ": the file is empty (0 bytes). Copy it again from the source.");
  select_language("vi");
}

TEST_CASE("a reversed validity names both dates as the operator writes them", "[library][messages]") {
  select_language("en");
  Station s;
  auto request = s.request(s.tone("a.wav"));
  request.valid_from = std::chrono::year(2027) / 3 / 1;
  request.valid_until = std::chrono::year(2027) / 2 / 5;
  const auto e = refusal_of(s, request);
  CHECK(wording::describe(e) ==
        "Cannot import " + request.file.string() + ": the end of validity 05/02/2027 is before its start 01/03/2027");
  select_language("vi");
}

TEST_CASE("every refusal kind has an operator message", "[library][messages]") {
  select_language("en");
  for (auto kind : {Kind::unknown_category, Kind::validity_reversed, Kind::bad_audio, Kind::silent, Kind::copy_failed,
                    Kind::database_failed, Kind::busy}) {
    ImportFailure f;
    f.kind = kind;
    f.file = "a.wav";
    f.detail = "chi tiết";
    f.decode = audio::DecodeError::Kind::corrupt;
    const auto text = wording::describe(f);
    INFO(text);
    CHECK(text.rfind("Cannot import a.wav: ", 0) == 0);
    CHECK(text.size() > std::string("Cannot import a.wav: ").size() + 10);
  }
  select_language("vi");
}
