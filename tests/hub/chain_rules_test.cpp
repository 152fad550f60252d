// The sequence and chain rules on a real station chain: in order, duplicates, gaps,
// conflicting duplicates and broken chains; all or nothing.

#include "hub/chain_rules.hpp"
#include "hub_fixture.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace loaxa;
using namespace loaxa::hub;
using Kind = IngestOutcome::Kind;

namespace {

// A hub's view of one station: what it holds, and applying a decision as the store does.
struct Held {
  std::map<std::int64_t, std::string> hashes;
  ChainState state;

  IngestOutcome offer(const std::vector<store::Play>& rows) {
    const auto decision = decide_batch(state, rows, [&](std::int64_t seq) -> std::optional<std::string> {
      const auto found = hashes.find(seq);
      if (found == hashes.end()) return std::nullopt;
      return found->second;
    });
    for (const auto* row : decision.to_store) {
      hashes[*row->seq] = row->hash;
      state.held_seq = *row->seq;
      state.held_hash = row->hash;
    }
    return decision.outcome;
  }
};

std::vector<store::Play> slice(const std::vector<store::Play>& all, std::size_t first, std::size_t count) {
  return {all.begin() + static_cast<std::ptrdiff_t>(first), all.begin() + static_cast<std::ptrdiff_t>(first + count)};
}

}  // namespace

TEST_CASE("rows in seq order join the chain and are acknowledged", "[hub][chain]") {
  const auto plays = hub::test::station_plays(6);
  Held hub;
  auto outcome = hub.offer(slice(plays, 0, 3));
  CHECK(outcome.kind == Kind::acked);
  CHECK(outcome.acked_seq == 3);
  CHECK(outcome.stored == 3);
  outcome = hub.offer(slice(plays, 3, 3));
  CHECK(outcome.kind == Kind::acked);
  CHECK(outcome.acked_seq == 6);
  CHECK(hub.offer({}).acked_seq == 6);  // an empty batch asks for the acknowledgement
}

TEST_CASE("an identical duplicate is acknowledged, nothing stored twice", "[hub][chain]") {
  const auto plays = hub::test::station_plays(4);
  Held hub;
  hub.offer(slice(plays, 0, 3));
  auto outcome = hub.offer(slice(plays, 0, 3));
  CHECK(outcome.kind == Kind::acked);
  CHECK(outcome.acked_seq == 3);
  CHECK(outcome.stored == 0);
  // Overlapping: 2-4 after 1-3 stores only 4.
  outcome = hub.offer(slice(plays, 1, 3));
  CHECK(outcome.kind == Kind::acked);
  CHECK(outcome.acked_seq == 4);
  CHECK(outcome.stored == 1);
}

TEST_CASE("a gap is refused with the seq expected, the whole batch", "[hub][chain]") {
  const auto plays = hub::test::station_plays(6);
  Held hub;
  hub.offer(slice(plays, 0, 2));
  auto outcome = hub.offer(slice(plays, 3, 2));  // 4, 5: 3 is missing
  CHECK(outcome.kind == Kind::gap);
  CHECK(outcome.expected_seq == 3);
  CHECK(outcome.acked_seq == 2);
  std::vector<store::Play> holed{plays[2], plays[4]};  // 3 then 5: nothing of it is kept
  outcome = hub.offer(holed);
  CHECK(outcome.kind == Kind::gap);
  CHECK(outcome.expected_seq == 3);
  CHECK(hub.state.held_seq == 2);
  Held fresh;
  CHECK(fresh.offer(slice(plays, 1, 1)).expected_seq == 1);
}

TEST_CASE("a duplicate seq with different content is a conflict", "[hub][chain]") {
  auto plays = hub::test::station_plays(3);
  Held hub;
  hub.offer(plays);
  SECTION("content changed, hash recomputed by a forger to match the new content") {
    auto forged = plays[1];
    forged.frames = 48000 * 600;
    forged.hash = store::chain_hash(plays[0].hash, forged);
    const auto outcome = hub.offer({forged});
    CHECK(outcome.kind == Kind::conflict);
    CHECK(outcome.bad_seq == 2);
  }
  SECTION("content changed, old hash kept") {
    auto edited = plays[1];
    edited.item.category = "CCHC-X";
    const auto outcome = hub.offer({edited});
    CHECK(outcome.kind == Kind::conflict);
  }
  CHECK(hub.state.held_seq == 3);
}

TEST_CASE("a row whose hash does not follow the chain is a conflict, and the batch is refused", "[hub][chain]") {
  auto plays = hub::test::station_plays(4);
  Held hub;
  hub.offer(slice(plays, 0, 1));
  SECTION("an edited row with its old hash") {
    auto batch = slice(plays, 1, 3);
    batch[1].frames += 1;  // seq 3
    const auto outcome = hub.offer(batch);
    CHECK(outcome.kind == Kind::conflict);
    CHECK(outcome.bad_seq == 3);
    CHECK(hub.state.held_seq == 1);  // seq 2, valid, is not kept either
  }
  SECTION("a row rehashed on another previous hash (a forged history)") {
    auto row = plays[1];
    row.hash = store::chain_hash(std::string(store::kFirstPreviousHash), row);
    CHECK(hub.offer({row}).kind == Kind::conflict);
  }
}
