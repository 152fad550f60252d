#include "cli/cli_fixture.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using loaxa::test::CliFixture;
using loaxa::test::ToneSpec;
using loaxa::test::write_tone_wav;

TEST_CASE("an imported segment has every documented field", "[cli][segment]") {
  CliFixture f;
  auto file = f.dir / "ban-tin-cds.wav";
  write_tone_wav(file, {.sample_rate = 22050,
                        .channels = 1,
                        .leading_silence_s = 0.5,
                        .tone_s = 2.0,
                        .trailing_silence_s = 0.25,
                        .peak_dbfs = -20});
  auto out = f.loaxa_json({"segment", "add", file.string(), "--category", "cds", "--title", "Chữ ký số", "--valid-from",
                           "01/12/2026", "--valid-until", "2027-03-31"});
  REQUIRE(out.size() == 1);
  auto s = out[0];
  for (const char* key :
       {"id", "title", "category", "sha256", "duration_ms", "sample_rate", "channels", "loudness_lufs",
        "true_peak_dbtp", "trim_start_ms", "trim_end_ms", "approved", "valid_from", "valid_until", "original_name"}) {
    INFO(key);
    CHECK(s.contains(key));
  }
  CHECK(s["title"] == "Chữ ký số");
  CHECK(s["category"] == "CDS");
  CHECK(s["sample_rate"] == 22050);
  CHECK(s["channels"] == 1);
  CHECK(s["duration_ms"].get<int>() == Approx(2750).margin(1));
  CHECK(s["trim_start_ms"].get<int>() == Approx(500).margin(10));
  CHECK(s["trim_end_ms"].get<int>() == Approx(2500).margin(10));
  // A mono sine at -20 dBFS peak: -3.01 LU below full scale, K-weighting adds ~0 at 1 kHz.
  CHECK(s["loudness_lufs"].get<double>() == Approx(-23.0).margin(0.5));
  CHECK(s["true_peak_dbtp"].get<double>() == Approx(-20.0).margin(0.5));
  CHECK(s["approved"] == false);
  CHECK(s["valid_from"] == "2026-12-01");
  CHECK(s["valid_until"] == "2027-03-31");
  CHECK(s["original_name"] == "ban-tin-cds.wav");
  CHECK(s["sha256"].get<std::string>().size() == 64);
  CHECK(std::filesystem::exists(f.home / "segments" / s["file_name"].get<std::string>()));
}

TEST_CASE("the same content twice is one segment", "[cli][segment]") {
  CliFixture f;
  auto file = f.dir / "a.wav";
  write_tone_wav(file, {});
  auto copy = f.dir / "copy-of-a.wav";
  std::filesystem::copy_file(file, copy);
  auto first = f.loaxa_json({"segment", "add", file.string(), "--category", "CDS"});
  auto second = f.loaxa_json({"segment", "add", copy.string(), "--category", "CCHC"});
  CHECK(second[0]["already_present"] == true);
  CHECK(second[0]["id"] == first[0]["id"]);
  CHECK(f.segment_rows() == 1);
  CHECK(f.segment_files() == 1);
  auto human = f.loaxa({"segment", "add", copy.string(), "--category", "CDS"});
  CHECK(human.exit_code == 0);
  CHECK_THAT(human.out, Catch::Contains("Đã có trong thư viện"));
}

TEST_CASE("segments are listed, shown, approved and removed", "[cli][segment]") {
  CliFixture f;
  write_tone_wav(f.dir / "a.wav", {.frequency_hz = 440});
  write_tone_wav(f.dir / "b.wav", {.frequency_hz = 880});
  REQUIRE(f.loaxa({"category", "add", "ANTT", "--name", "An ninh trật tự"}).exit_code == 0);
  REQUIRE(f.loaxa({"segment", "add", (f.dir / "a.wav").string(), "--category", "CDS", "--approve"}).exit_code == 0);
  REQUIRE(f.loaxa({"segment", "add", (f.dir / "b.wav").string(), "--category", "ANTT"}).exit_code == 0);

  auto all = f.loaxa_json({"segment", "list"});
  REQUIRE(all.size() == 2);
  CHECK(all[0]["approved"] == true);
  CHECK(all[1]["approved"] == false);
  CHECK(f.loaxa_json({"segment", "list", "--category", "antt"}).size() == 1);
  auto unknown = f.loaxa({"segment", "list", "--category", "XYZ"});
  CHECK(unknown.exit_code == 1);
  CHECK_THAT(unknown.err, Catch::Contains("XYZ"));

  auto table = f.loaxa({"segment", "list"});
  CHECK_THAT(table.out, Catch::Contains("đã duyệt"));
  CHECK_THAT(table.out, Catch::Contains("chưa duyệt"));
  CHECK_THAT(table.out, Catch::Contains("0:01"));

  auto id = std::to_string(all[1]["id"].get<int>());
  auto approved = f.loaxa_json({"segment", "approve", id});
  CHECK(approved["approved"] == true);
  CHECK_FALSE(approved["approved_at"].is_null());
  auto show = f.loaxa({"segment", "show", id});
  CHECK_THAT(show.out, Catch::Contains("đã duyệt"));

  auto file = f.home / "segments" / all[1]["file_name"].get<std::string>();
  REQUIRE(std::filesystem::exists(file));
  CHECK(f.loaxa({"segment", "remove", id}).exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(file));
  CHECK(f.segment_rows() == 1);
  auto gone = f.loaxa({"segment", "show", id});
  CHECK(gone.exit_code == 1);
  CHECK(f.loaxa({"segment", "approve", "999"}).exit_code == 1);
  CHECK(f.loaxa({"segment", "remove", "999"}).exit_code == 1);
}

TEST_CASE("several files: the good ones are imported, each bad one is named", "[cli][segment]") {
  CliFixture f;
  write_tone_wav(f.dir / "good1.wav", {.frequency_hz = 440});
  write_tone_wav(f.dir / "good2.wav", {.frequency_hz = 660});
  { std::ofstream(f.dir / "notes.wav") << "Biên bản họp thôn\n"; }
  auto result = f.loaxa({"segment", "add", (f.dir / "good1.wav").string(), (f.dir / "notes.wav").string(),
                         (f.dir / "missing.mp3").string(), (f.dir / "good2.wav").string(), "--category", "CDS"});
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.err, Catch::Contains("notes.wav"));
  CHECK_THAT(result.err, Catch::Contains("missing.mp3"));
  CHECK_THAT(result.err, Catch::Contains("2 trên 4 tệp"));
  CHECK(f.segment_rows() == 2);
  CHECK(f.segment_files() == 2);
}

TEST_CASE("without --title the file's title tag names the segment", "[cli][segment]") {
  CliFixture f;
  write_tone_wav(f.dir / "tone.wav", {.tone_s = 2.0});
  auto mp3 = f.dir / "ban-tin-42.mp3";
  auto command = "ffmpeg -nostdin -loglevel error -i '" + (f.dir / "tone.wav").string() +
                 "' -metadata title='Thông báo thu thuế đất' '" + mp3.string() + "'";
  REQUIRE(std::system(command.c_str()) == 0);
  auto out = f.loaxa_json({"segment", "add", mp3.string(), "--category", "CDS"});
  CHECK(out[0]["title"] == "Thông báo thu thuế đất");
  auto named = f.dir / "plain.wav";
  write_tone_wav(named, {.frequency_hz = 600});
  CHECK(f.loaxa_json({"segment", "add", named.string(), "--category", "CDS"})[0]["title"] == "plain");
}
