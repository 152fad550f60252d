#include "hub/chain_rules.hpp"

#include <fmt/format.h>

namespace loaxa::hub {

BatchDecision decide_batch(const ChainState& state, const std::vector<store::Play>& rows,
                           const std::function<std::optional<std::string>(std::int64_t)>& stored_hash,
                           const std::vector<std::string>& chained) {
  BatchDecision decision;
  // rows[index]'s hash after `before`: the one computed ahead when `before` is the hash of the
  // row sent just before it, else computed now.
  const auto hash_after = [&](const std::string& before, std::size_t index) {
    if (chained.size() == rows.size() && index > 0 && !chained[index].empty() && before == rows[index - 1].hash) {
      return chained[index];
    }
    return store::chain_hash(before, rows[index]);
  };
  std::int64_t held = state.held_seq;
  std::string previous = held == 0 ? std::string(store::kFirstPreviousHash) : state.held_hash;
  const auto refuse = [&](IngestOutcome::Kind kind, std::int64_t seq, std::string detail) {
    decision.to_store.clear();
    decision.outcome.kind = kind;
    decision.outcome.acked_seq = state.held_seq;
    if (kind == IngestOutcome::Kind::gap) decision.outcome.expected_seq = state.held_seq + 1;
    decision.outcome.bad_seq = seq;
    decision.outcome.detail = std::move(detail);
    return decision;
  };
  for (std::size_t index = 0; index < rows.size(); ++index) {
    const auto& row = rows[index];
    const std::int64_t seq = row.seq.value_or(0);
    if (seq <= held) {
      // Already held (before this batch, or earlier in it).
      std::optional<std::string> held_hash;
      if (seq <= state.held_seq) {
        held_hash = stored_hash(seq);
      } else {
        for (const auto* kept : decision.to_store) {
          if (kept->seq == seq) held_hash = kept->hash;
        }
      }
      std::string before(store::kFirstPreviousHash);
      if (seq > 1) {
        if (seq - 1 <= state.held_seq) {
          before = stored_hash(seq - 1).value_or("");
        } else {
          for (const auto* kept : decision.to_store) {
            if (kept->seq == seq - 1) before = kept->hash;
          }
        }
      }
      if (!held_hash || row.hash != *held_hash || hash_after(before, index) != row.hash) {
        return refuse(IngestOutcome::Kind::conflict, seq,
                      fmt::format("seq {} is already held with different content", seq));
      }
      continue;
    }
    if (seq > held + 1) {
      return refuse(IngestOutcome::Kind::gap, seq,
                    fmt::format("seq {} arrived but the hub holds up to {}: send from {}", seq, state.held_seq,
                                state.held_seq + 1));
    }
    const std::string expected = hash_after(previous, index);
    if (expected != row.hash) {
      return refuse(
          IngestOutcome::Kind::conflict, seq,
          fmt::format("seq {}: the hash does not follow from the row and the previous hash (broken chain)", seq));
    }
    decision.to_store.push_back(&row);
    previous = row.hash;
    held = seq;
  }
  decision.outcome.kind = IngestOutcome::Kind::acked;
  decision.outcome.acked_seq = held;
  decision.outcome.stored = static_cast<std::int64_t>(decision.to_store.size());
  return decision;
}

}  // namespace loaxa::hub
