// The Library page's pure parts: the title search's folding, the filters, the upload's
// file-name check and the Range header of the browser's player.

#include "console/library_filter.hpp"
#include "console/library_range.hpp"
#include "console/library_search.hpp"
#include "console/library_upload_name.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace loaxa::console;

TEST_CASE("library search folds case and Vietnamese marks", "[console][library]") {
  CHECK(search_key("Thông báo TIÊM chủng Đường") == "thong bao tiem chung duong");
  CHECK(search_key("ẮẰẲẴẶ ỹ Ỹ ơ Ư") == "aaaaa y y o u");
  CHECK(search_key("to\xcc\x82i") == "toi");  // "tôi" written with a combining circumflex
  CHECK(search_key("\xff"
                   "abc") ==
        "\xff"
        "abc");  // a broken byte is kept, not a crash
  CHECK(search_key("日本 Test") == "日本 test");
  CHECK(title_matches("Thông báo tiêm chủng", "TIEM"));
  CHECK(title_matches("Thông báo tiêm chủng", "tiêm chủng"));
  CHECK(title_matches("Thông báo tiêm chủng", ""));
  CHECK_FALSE(title_matches("Thông báo", "thông tin"));
}

TEST_CASE("library filters read the query leniently", "[console][library]") {
  auto f = filter_from_query("q=++thong+bao+&category=cds&approved=no&validity=expired");
  CHECK(f.search == "thong bao");
  CHECK(f.category == "CDS");
  CHECK(f.approved == false);
  CHECK(f.validity == Validity::expired);
  CHECK(f.any());

  f = filter_from_query("category=1bad&approved=maybe&validity=soon&q=");
  CHECK_FALSE(f.category);
  CHECK_FALSE(f.approved);
  CHECK_FALSE(f.validity);
  CHECK_FALSE(f.any());

  loaxa::store::Segment s;
  s.title = "Lịch tiêm";
  s.category = "CDS";
  s.valid_from = "2027-01-10";
  s.valid_until = "2027-01-20";
  CHECK(validity_on(s, "2027-01-09") == Validity::not_yet);
  CHECK(validity_on(s, "2027-01-10") == Validity::now);  // both days inclusive
  CHECK(validity_on(s, "2027-01-20") == Validity::now);
  CHECK(validity_on(s, "2027-01-21") == Validity::expired);
  CHECK(matches(s, filter_from_query("q=lich&validity=now"), "2027-01-15"));
  CHECK_FALSE(matches(s, filter_from_query("q=lich&validity=now"), "2027-01-25"));
  CHECK_FALSE(matches(s, filter_from_query("approved=yes"), "2027-01-15"));
}

TEST_CASE("upload names: only a plain file name is taken", "[console][library]") {
  CHECK_FALSE(upload_name_problem("Bản tin sáng.mp3"));
  CHECK_FALSE(upload_name_problem("...mp3"));
  CHECK_FALSE(upload_name_problem(std::string(255, 'a')));
  CHECK(upload_name_problem(std::string(256, 'a')) == UploadNameProblem::too_long);
  CHECK(upload_name_problem("../x.mp3") == UploadNameProblem::path);
  CHECK(upload_name_problem("a/b.wav") == UploadNameProblem::path);
  CHECK(upload_name_problem("a\\b.wav") == UploadNameProblem::path);
  CHECK(upload_name_problem(".") == UploadNameProblem::path);
  CHECK(upload_name_problem("..") == UploadNameProblem::path);
  CHECK(upload_name_problem(std::string("a\0b.wav", 7)) == UploadNameProblem::control);
  CHECK(upload_name_problem("a\nb.wav") == UploadNameProblem::control);
  CHECK(upload_name_problem("a\x7f.wav") == UploadNameProblem::control);
  CHECK(upload_name_problem("\xc0\xaf.wav") == UploadNameProblem::encoding);      // an overlong '/'
  CHECK(upload_name_problem("\xed\xa0\x80.wav") == UploadNameProblem::encoding);  // a surrogate
  CHECK(upload_name_problem("") == UploadNameProblem::empty);
  CHECK(upload_name_problem("   ") == UploadNameProblem::empty);
}

TEST_CASE("Range headers: one byte range, or the whole file", "[console][library]") {
  const auto range = [](std::string_view header, std::uint64_t size) { return parse_range(header, size); };
  const auto bytes = [](const RangeAnswer& answer) {
    const auto* r = std::get_if<ByteRange>(&answer);
    return r != nullptr ? std::to_string(r->first) + "-" + std::to_string(r->last) : std::string("none");
  };
  CHECK(std::holds_alternative<WholeFile>(range("", 1000)));
  CHECK(bytes(range("bytes=0-", 1000)) == "0-999");
  CHECK(bytes(range("bytes=100-199", 1000)) == "100-199");
  CHECK(bytes(range("bytes=900-5000", 1000)) == "900-999");  // clipped to the end
  CHECK(bytes(range("bytes=-100", 1000)) == "900-999");
  CHECK(bytes(range("bytes=-5000", 1000)) == "0-999");
  CHECK(bytes(range(" bytes=5-9 ", 1000)) == "5-9");
  CHECK(std::holds_alternative<Unsatisfiable>(range("bytes=1000-", 1000)));
  CHECK(std::holds_alternative<Unsatisfiable>(range("bytes=-0", 1000)));
  CHECK(std::holds_alternative<Unsatisfiable>(range("bytes=0-", 0)));
  CHECK(std::holds_alternative<WholeFile>(range("bytes=0-1,5-9", 1000)));  // several: the whole file
  CHECK(std::holds_alternative<WholeFile>(range("bytes=9-5", 1000)));      // invalid: ignored
  CHECK(std::holds_alternative<WholeFile>(range("bytes=a-b", 1000)));
  CHECK(std::holds_alternative<WholeFile>(range("items=0-5", 1000)));
  CHECK(std::holds_alternative<WholeFile>(range("bytes=-", 1000)));
}
