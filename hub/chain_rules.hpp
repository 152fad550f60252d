#pragma once
// The hub's sequence and hash-chain rules (docs/HUB.md): what a batch of plays does to a
// station's chain. Pure; the store calls it inside its transaction with what it holds.
//
// For each row, in the order sent:
//  - seq at or below the held chain: a duplicate. Identical (same recomputed hash as the
//    row held) it is acknowledged; different, a conflict.
//  - seq = held + 1: its hash is recomputed from its canonical form and the previous row's
//    hash (64 zeros before seq 1); a row whose hash does not match is a conflict (a broken
//    chain), else it joins the chain.
//  - seq beyond held + 1: a gap; the batch is refused with the seq expected.
// Any gap or conflict refuses the whole batch.

#include "hub/hub_store.hpp"

#include <functional>

namespace loaxa::hub {

struct ChainState {
  std::int64_t held_seq = 0;  // highest contiguous seq held (0: none)
  std::string held_hash;      // its hash (ignored when held_seq is 0)
};

struct BatchDecision {
  IngestOutcome outcome;
  std::vector<const store::Play*> to_store;  // new rows, in seq order (only when acked)
};

// `stored_hash(seq)` returns the hash held for a seq at or below held_seq. `chained` (empty,
// or one per row): chained[i] is store::chain_hash(rows[i - 1].hash, rows[i]), computed
// ahead; used only where the previous hash is rows[i - 1].hash, so the decision is the same.
BatchDecision decide_batch(const ChainState& state, const std::vector<store::Play>& rows,
                           const std::function<std::optional<std::string>(std::int64_t)>& stored_hash,
                           const std::vector<std::string>& chained = {});

}  // namespace loaxa::hub
