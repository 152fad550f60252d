// Every bad input to `segment add` gets its own message naming the file and the reason, a
// non-zero exit, and leaves no row and no file behind.

#include "cli/cli_fixture.hpp"
#include "support/files.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>
#include <fstream>

using loaxa::test::CliFixture;
using loaxa::test::read_bytes;
using loaxa::test::write_bytes;
using loaxa::test::write_tone_wav;

namespace {

// Checks the refusal of `file` with a message containing `reason`.
void check_refused(const CliFixture& f, const std::filesystem::path& file, const std::string& reason,
                   std::vector<std::string> extra = {"--category", "CDS"}) {
  std::vector<std::string> args{"segment", "add", file.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  auto result = f.loaxa(args);
  INFO(result.err);
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains(file.filename().string()));
  CHECK_THAT(result.err, Catch::Contains(reason));
  // The operator's own file is named, never the library's temporary copy of it.
  CHECK_THAT(result.err, !Catch::Contains(".import-"));
  CHECK(f.segment_rows() == 0);
  CHECK(f.segment_files() == 0);
}

}  // namespace

TEST_CASE("bad input: a missing path", "[cli][bad-input]") {
  CliFixture f;
  check_refused(f, f.dir / "khong-co.wav", "tệp không tồn tại");
}

TEST_CASE("bad input: a folder instead of a file", "[cli][bad-input]") {
  CliFixture f;
  std::filesystem::create_directories(f.dir / "thu-muc.wav");
  check_refused(f, f.dir / "thu-muc.wav", "thư mục");
}

TEST_CASE("bad input: an unreadable file", "[cli][bad-input]") {
  CliFixture f;
  f.run_as_nobody();  // root reads every file
  write_tone_wav(f.dir / "khoa.wav", {});
  std::filesystem::permissions(f.dir / "khoa.wav", std::filesystem::perms::none);
  check_refused(f, f.dir / "khoa.wav", "không đọc được tệp");
}

TEST_CASE("bad input: an empty file", "[cli][bad-input]") {
  CliFixture f;
  write_bytes(f.dir / "rong.mp3", "");
  check_refused(f, f.dir / "rong.mp3", "tệp rỗng");
}

TEST_CASE("bad input: a text file named .wav", "[cli][bad-input]") {
  CliFixture f;
  write_bytes(f.dir / "van-ban.wav", "Kính gửi các thôn trưởng: lịch họp tháng 12.\n");
  check_refused(f, f.dir / "van-ban.wav", "không phải tệp âm thanh");
}

TEST_CASE("bad input: a header with no audio", "[cli][bad-input]") {
  CliFixture f;
  write_tone_wav(f.dir / "tone.wav", {.tone_s = 0.0});
  std::filesystem::rename(f.dir / "tone.wav", f.dir / "chi-co-dau.wav");
  check_refused(f, f.dir / "chi-co-dau.wav", "không có tiếng");
}

TEST_CASE("bad input: a truncated stream whose size field lies", "[cli][bad-input]") {
  CliFixture f;
  write_tone_wav(f.dir / "full.wav", {.tone_s = 2.0});
  auto bytes = read_bytes(f.dir / "full.wav");
  write_bytes(f.dir / "cut.wav", bytes.substr(0, bytes.size() / 2));
  check_refused(f, f.dir / "cut.wav", "bị cắt cụt hoặc hỏng");
  check_refused(f, f.dir / "cut.wav", "nhưng chỉ có");
}

TEST_CASE("bad input: zero channels", "[cli][bad-input]") {
  CliFixture f;
  write_tone_wav(f.dir / "ok.wav", {});
  auto bytes = read_bytes(f.dir / "ok.wav");
  bytes[22] = 0;  // fmt.channels
  bytes[23] = 0;
  write_bytes(f.dir / "khong-kenh.wav", bytes);
  auto result = f.loaxa({"segment", "add", (f.dir / "khong-kenh.wav").string(), "--category", "CDS"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("khong-kenh.wav"));
  CHECK(f.segment_rows() == 0);
  CHECK(f.segment_files() == 0);
}

TEST_CASE("bad input: a zero sample rate", "[cli][bad-input]") {
  CliFixture f;
  write_tone_wav(f.dir / "ok.wav", {});
  auto bytes = read_bytes(f.dir / "ok.wav");
  for (int i = 24; i < 28; ++i) bytes[static_cast<std::size_t>(i)] = 0;  // fmt.sample_rate
  write_bytes(f.dir / "khong-tan-so.wav", bytes);
  auto result = f.loaxa({"segment", "add", (f.dir / "khong-tan-so.wav").string(), "--category", "CDS"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("khong-tan-so.wav"));
  CHECK(f.segment_rows() == 0);
  CHECK(f.segment_files() == 0);
}

TEST_CASE("bad input: silence from start to end", "[cli][bad-input]") {
  CliFixture f;
  write_tone_wav(f.dir / "im-lang.wav", {.tone_s = 3.0, .peak_dbfs = -1000});
  check_refused(f, f.dir / "im-lang.wav", "im lặng từ đầu đến cuối");
}

TEST_CASE("bad input: an unknown category", "[cli][bad-input]") {
  CliFixture f;
  write_tone_wav(f.dir / "a.wav", {});
  check_refused(f, f.dir / "a.wav", "không có lĩnh vực 'XYZ'", {"--category", "XYZ"});
}

TEST_CASE("bad input: a date that is not a date", "[cli][bad-input]") {
  CliFixture f;
  write_tone_wav(f.dir / "a.wav", {});
  for (const char* date : {"31/02/2027", "mai", "2027-13-01"}) {
    auto result = f.loaxa({"segment", "add", (f.dir / "a.wav").string(), "--category", "CDS", "--valid-from", date});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err, Catch::Contains(date));
    CHECK_THAT(result.err, Catch::Contains("không phải ngày"));
  }
  auto reversed = f.loaxa({"segment", "add", (f.dir / "a.wav").string(), "--category", "CDS", "--valid-from",
                           "01/03/2027", "--valid-until", "01/02/2027"});
  CHECK(reversed.exit_code == 1);
  CHECK_THAT(reversed.err, Catch::Contains("trước ngày bắt đầu"));
  CHECK(f.segment_rows() == 0);
  CHECK(f.segment_files() == 0);
}
