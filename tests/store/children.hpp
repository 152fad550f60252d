#pragma once
// Real processes for the store's concurrency tests: forked children that start together.
// Call from the test's main thread with no Database open in the parent (a child must not
// inherit an open SQLite connection).

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace loaxa::store::test {

struct ChildOutcome {
  bool ok = false;      // `work` returned normally
  std::string message;  // what() of what it threw, or how the child ended
};

// Forks `count` children; they wait at a gate until all exist, then each runs work(index)
// and exits. `dir` (existing) receives each child's message file.
std::vector<ChildOutcome> run_together(int count, const std::function<void(int index)>& work,
                                       const std::filesystem::path& dir);

}  // namespace loaxa::store::test
