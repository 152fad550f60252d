// The as-run log: rows open, progress and finalise once; the seq and hash chain detect an
// edited or deleted row; crash recovery; two processes finalising at once.

#include "store/play_store.hpp"
#include "children.hpp"
#include "store/database.hpp"
#include "store/utc_text.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <sstream>

using namespace loaxa;
using namespace std::chrono;
using store::PlayStatus;

namespace {

store::PlayFilter by_status(store::PlayStatus status) {
  store::PlayFilter filter;
  filter.status = status;
  return filter;
}

store::PlayFilter window_of(loaxa::schedules::UtcTime from, loaxa::schedules::UtcTime to) {
  store::PlayFilter filter;
  filter.from = from;
  filter.to = to;
  return filter;
}

schedules::UtcTime utc(const std::string& text) {
  return schedules::UtcTime{schedules::parse_date_time(text).time_since_epoch()};
}

// Item `position` of the 05:30 (UTC+7) airing of slot 3 on 1 December 2026.
store::PlayItem item(int position, std::string title = "Định danh điện tử") {
  store::PlayItem i;
  i.occurrence = store::OccurrenceKey::of_slot(3, utc("2026-11-30T22:30:00"));
  i.programme_id = 1;
  i.programme_name = "Bản tin sáng";
  i.position = position;
  i.segment_id = 7;
  i.segment_sha256 = std::string(64, 'a');
  i.category = "CDS";
  i.title = std::move(title);
  i.scheduled_start = utc("2026-11-30T22:30:00") + seconds(30 * position);
  return i;
}

// Three final rows (seq 1-3) and one open.
void fill(store::PlayStore& plays) {
  const auto t = utc("2026-11-30T22:30:00");
  const auto a = plays.open_play(item(0), t);
  plays.progress(a, 48000, 0, t + seconds(1));
  plays.finalise(a, PlayStatus::completed, "", t + seconds(30), 1440000, 0);
  plays.record_skipped(item(1, "Chưa duyệt"), PlayStatus::skipped, store::play_reason::not_approved, t + seconds(30));
  const auto c = plays.open_play(item(2, "Dòng một\nDòng hai \\ gạch"), t + seconds(31));
  plays.finalise(c, PlayStatus::failed, store::play_reason::device_lost, t + seconds(40), 400000, 3);
  plays.open_play(item(3), t + seconds(41));
}

std::string failures(const std::vector<store::test::ChildOutcome>& outcomes) {
  std::ostringstream out;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].ok) out << "child " << i << ": " << outcomes[i].message << '\n';
  }
  return out.str();
}

}  // namespace

TEST_CASE("a play is opened, progresses and is finalised once with the next seq", "[store][play]") {
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  const auto t = utc("2026-11-30T22:30:00");
  const auto id = plays.open_play(item(0), t);
  auto open = plays.find(id);
  REQUIRE(open);
  CHECK(open->status == PlayStatus::playing);
  CHECK_FALSE(open->seq);
  CHECK(open->hash.empty());
  plays.progress(id, 4800, 1, t + seconds(1));
  CHECK(plays.find(id)->frames == 4800);
  CHECK(plays.find(id)->progress_at == t + seconds(1));

  CHECK(plays.finalise(id, PlayStatus::completed, "", t + seconds(30), 1440000, 1) == 1);
  auto done = plays.find(id);
  CHECK(done->status == PlayStatus::completed);
  CHECK(done->seq == 1);
  CHECK(done->hash == store::chain_hash(std::string(store::kFirstPreviousHash), *done));
  CHECK(done->ended_at == t + seconds(30));
  CHECK(done->item.occurrence.text() == "slot:3@2026-11-30T22:30:00.000Z");

  CHECK_THROWS_MATCHES(plays.finalise(id, PlayStatus::failed, "", t, 0, 0), store::PlayError,
                       Catch::Predicate<store::PlayError>(
                           [](const auto& e) { return e.kind == store::PlayError::Kind::already_final; }));
  CHECK_THROWS_AS(plays.progress(id, 1, 0, t), store::PlayError);
  CHECK_THROWS_AS(plays.progress(999, 1, 0, t), store::PlayError);
  CHECK_THROWS_AS(plays.finalise(plays.open_play(item(1), t), PlayStatus::playing, "", t, 0, 0), store::PlayError);
  CHECK_THROWS_AS(plays.record_skipped(item(2), PlayStatus::completed, "", t), store::PlayError);

  const auto manual = store::OccurrenceKey::of_manual("khan-cap-1");
  auto emergency = item(0);
  emergency.occurrence = manual;
  emergency.level = store::PlayLevel::emergency;
  const auto m = plays.open_play(emergency, t + seconds(60));
  CHECK(plays.finalise(m, PlayStatus::interrupted, "", t + seconds(70), 10, 0) == 2);
  CHECK(plays.find(m)->item.occurrence.text() == "manual:khan-cap-1");
  CHECK(plays.find(m)->item.level == store::PlayLevel::emergency);
}

TEST_CASE("the canonical form is fixed: field order, escaping, empty for absent", "[store][play]") {
  store::Play p;
  p.item = item(2, "A\nB\\C");
  p.item.segment_id.reset();
  p.item.segment_sha256.clear();
  p.started_at = utc("2026-11-30T22:31:00");
  p.ended_at = utc("2026-11-30T22:31:10") + milliseconds(250);
  p.frames = 441000;
  p.underruns = 2;
  p.status = PlayStatus::failed;
  p.reason = "device_lost";
  p.seq = 5;
  CHECK(store::canonical_form(p) ==
        "loaxa-play/1\nseq=5\noccurrence=slot:3@2026-11-30T22:30:00.000Z\nprogramme_id=1\n"
        "programme_name=Bản tin sáng\nposition=2\nsegment_id=\nsegment_sha256=\ncategory=CDS\n"
        "title=A\\nB\\\\C\nlevel=normal\nscheduled_start=2026-11-30T22:31:00.000Z\n"
        "started_at=2026-11-30T22:31:00.000Z\nended_at=2026-11-30T22:31:10.250Z\nframes=441000\n"
        "underruns=2\nstatus=failed\nreason=device_lost\n");
  // sha256("0"*64 + "\n" + canonical), computed independently with Python's hashlib.
  CHECK(store::chain_hash(std::string(store::kFirstPreviousHash), p) ==
        "0f33dfc2623f703dbaf1aaa5f8168041d7177915c3517aaab23e90db0454877a");
}

TEST_CASE("the chain verifies, an edited title breaks it at that seq", "[store][play][chain]") {
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  fill(plays);
  auto check = plays.verify_chain();
  CHECK(check.ok());
  CHECK(check.rows_checked == 3);

  db.sql().exec("UPDATE play SET title = 'Bản tin khác' WHERE seq = 2");
  check = plays.verify_chain();
  CHECK(check.problem == store::ChainCheck::Problem::hash_mismatch);
  CHECK(check.first_bad_seq == 2);
  CHECK(check.rows_checked == 1);
}

TEST_CASE("every final field is covered: changing frames or status breaks the chain", "[store][play][chain]") {
  for (const char* edit :
       {"frames = frames + 1", "status = 'completed'", "ended_at = '2026-11-30T22:31:00.000Z'", "reason = NULL",
        "segment_sha256 = NULL", "nominal_start_utc = '2026-11-30T22:31:00.000Z'"}) {
    INFO(edit);
    auto db = store::Database::in_memory();
    store::PlayStore plays(db);
    fill(plays);
    db.sql().exec(std::string("UPDATE play SET ") + edit + " WHERE seq = 3");
    CHECK(plays.verify_chain().first_bad_seq == 3);
  }
}

TEST_CASE("a deleted row is a gap in seq", "[store][play][chain]") {
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  fill(plays);
  db.sql().exec("DELETE FROM play WHERE seq = 2");
  auto check = plays.verify_chain();
  CHECK(check.problem == store::ChainCheck::Problem::gap);
  CHECK(check.first_bad_seq == 2);
  // The next row still links to the latest hash: the gap stays where it was.
  plays.record_skipped(item(4), PlayStatus::missed, "", utc("2026-11-30T23:00:00"));
  CHECK(plays.verify_chain().first_bad_seq == 2);
}

TEST_CASE("recover_open finalises rows left open, exactly once, at their last progress", "[store][play][recover]") {
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  const auto t = utc("2026-11-30T22:30:00");
  const auto a = plays.open_play(item(0), t);
  plays.progress(a, 96000, 0, t + seconds(2));
  const auto b = plays.open_play(item(1), t + seconds(3));  // no progress: ends at its start
  const auto done = plays.open_play(item(2), t);
  plays.finalise(done, PlayStatus::completed, "", t + seconds(1), 10, 0);

  CHECK(plays.recover_open(t + hours(1)) == 2);
  CHECK(plays.recover_open(t + hours(2)) == 0);
  auto ra = plays.find(a);
  CHECK(ra->status == PlayStatus::interrupted);
  CHECK(ra->reason == "crash");
  CHECK(ra->ended_at == t + seconds(2));
  CHECK(ra->frames == 96000);
  CHECK(ra->seq == 2);
  auto rb = plays.find(b);
  CHECK(rb->ended_at == t + seconds(3));
  CHECK(rb->seq == 3);
  CHECK(plays.find(done)->status == PlayStatus::completed);
  CHECK(plays.verify_chain().ok());
  CHECK(plays.list(by_status(PlayStatus::playing)).empty());
}

TEST_CASE("list filters by time and status, in time order", "[store][play]") {
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  fill(plays);
  CHECK(plays.list().size() == 4);
  CHECK(plays.list(by_status(PlayStatus::skipped)).size() == 1);
  CHECK(plays.list(by_status(PlayStatus::playing)).size() == 1);
  const auto t = utc("2026-11-30T22:30:00");
  auto window = plays.list(window_of(t + seconds(30), t + seconds(41)));
  REQUIRE(window.size() == 2);
  CHECK(window[0].status == PlayStatus::skipped);  // a skipped row's time is its end
  CHECK(window[1].status == PlayStatus::failed);
  CHECK(window[1].item.title == "Dòng một\nDòng hai \\ gạch");
}

TEST_CASE("two processes finalising at once never share or skip a seq", "[store][play][concurrency]") {
  test::TempDir dir;
  const auto path = dir / "loaxa.db";
  constexpr int kPlays = 40;
  { store::Database db(path); }
  auto outcomes = store::test::run_together(
      2,
      [&](int index) {
        store::Database db(path);
        store::PlayStore plays(db);
        const auto t = utc("2026-11-30T22:30:00") + minutes(index);
        for (int i = 0; i < kPlays; ++i) {
          if (i % 4 == 3) {
            plays.record_skipped(item(i), PlayStatus::missed, "", t);
          } else {
            const auto id = plays.open_play(item(i), t);
            plays.finalise(id, PlayStatus::completed, "", t + seconds(1), i, 0);
          }
        }
      },
      dir.path());
  INFO(failures(outcomes));
  REQUIRE(failures(outcomes).empty());
  store::Database db(path);
  store::PlayStore plays(db);
  std::set<std::int64_t> seqs;
  for (const auto& p : plays.list()) {
    REQUIRE(p.seq);
    seqs.insert(*p.seq);
  }
  CHECK(seqs.size() == 2 * kPlays);
  CHECK(*seqs.begin() == 1);
  CHECK(*seqs.rbegin() == 2 * kPlays);
  CHECK(plays.verify_chain().ok());
  CHECK(plays.verify_chain().rows_checked == 2 * kPlays);
}

TEST_CASE("what the monitor heard is kept on the final row, outside the chain", "[store][play][heard]") {
  auto db = store::Database::in_memory();
  store::PlayStore plays(db);
  fill(plays);
  const auto before = plays.list();
  REQUIRE_FALSE(before.empty());
  CHECK_FALSE(before.front().heard.has_value());  // no monitor: nothing measured

  const std::int64_t id = before.front().id;
  plays.set_heard(id, store::Heard{99.5, 40});
  const auto row = plays.find(id);
  REQUIRE(row->heard.has_value());
  CHECK(row->heard->pct == 99.5);
  CHECK(row->heard->delay_ms == 40);
  CHECK(row->hash == before.front().hash);
  CHECK(plays.verify_chain().ok());  // a measurement after the fact does not touch the chain
  CHECK(store::canonical_form(*row) == store::canonical_form(before.front()));

  plays.set_heard(id, store::Heard{250.0, 0});  // clamped to a share
  CHECK(plays.find(id)->heard->pct == 100.0);
  CHECK_THROWS_AS(plays.set_heard(9999, store::Heard{50.0, 0}), store::PlayError);
}
