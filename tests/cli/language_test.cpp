#include "cli/cli_fixture.hpp"

#include <catch2/catch.hpp>

using loaxa::test::CliFixture;

TEST_CASE("messages are Vietnamese by default and English on request", "[cli][language]") {
  CliFixture f;
  auto vi = f.loaxa({"segment", "show", "42"});
  CHECK(vi.exit_code == 1);
  CHECK_THAT(vi.err, Catch::Contains("Không có bản tin nào có ID 42"));

  auto en = f.loaxa({"--lang", "en", "segment", "show", "42"});
  CHECK(en.exit_code == 1);
  CHECK_THAT(en.err, Catch::Contains("There is no segment with ID 42"));

  auto en_env = f.loaxa({"segment", "show", "42"}, {{"LANG", "en_US.UTF-8"}});
  CHECK_THAT(en_env.err, Catch::Contains("There is no segment with ID 42"));

  auto vi_env = f.loaxa({"segment", "show", "42"}, {{"LANG", "vi_VN.UTF-8"}});
  CHECK_THAT(vi_env.err, Catch::Contains("Không có bản tin"));
}

TEST_CASE("help is translated", "[cli][language]") {
  CliFixture f;
  auto help = f.loaxa({"segment", "add", "--help"});
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.out, Catch::Contains("nhập tệp âm thanh thành bản tin"));
}

TEST_CASE("an unknown language is refused", "[cli][language]") {
  CliFixture f;
  auto result = f.loaxa({"--lang", "fr", "category", "list"});
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.err, Catch::Contains("fr"));
}

TEST_CASE("command-line mistakes get a message and exit code 2", "[cli]") {
  CliFixture f;
  auto no_command = f.loaxa({});
  CHECK(no_command.exit_code == 2);
  CHECK_THAT(no_command.err, Catch::Contains("Lỗi"));
  auto missing_category = f.loaxa({"segment", "add", "x.wav"});
  CHECK(missing_category.exit_code == 2);
  CHECK_THAT(missing_category.err, Catch::Contains("--category"));
  auto not_a_number = f.loaxa({"segment", "show", "mot"});
  CHECK(not_a_number.exit_code == 2);
  CHECK_THAT(not_a_number.err, Catch::Contains("Giá trị không hợp lệ"));
}
