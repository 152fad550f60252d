#pragma once
// Segment rows (bản tin). The audio file itself lives in the home's segments/ folder under
// file_name; this table is what the station knows about it.
//
// Call on the thread that owns the Database. Every write is one WriteTransaction (a
// savepoint inside a caller's transaction) and throws BusyError when the write lock is not
// had within the busy timeout.

#include "store/database.hpp"
#include "store/remove_result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::store {

struct Segment {
  std::int64_t id = 0;
  std::string sha256;
  std::string title;
  std::string category;
  std::string original_name;  // the file name the operator imported
  std::string file_name;      // name inside segments/
  std::int64_t size_bytes = 0;
  std::string format;
  int sample_rate = 0;
  int channels = 0;
  std::int64_t frames = 0;
  std::int64_t duration_ms = 0;
  double loudness_lufs = 0;
  double true_peak_dbtp = 0;
  std::int64_t trim_start_ms = 0;  // playable span [trim_start_ms, trim_end_ms)
  std::int64_t trim_end_ms = 0;
  bool approved = false;
  std::optional<std::string> approved_at;  // ISO 8601 UTC
  std::optional<std::string> valid_from;   // ISO date, inclusive
  std::optional<std::string> valid_until;  // ISO date, inclusive
  std::string imported_at;                 // ISO 8601 UTC
};

// What an operator may change about a segment after it was imported; the audio and its
// measurements stay as they were.
struct SegmentDetails {
  std::string title;
  std::string category;                    // a known category's code
  std::optional<std::string> valid_from;   // ISO date, inclusive
  std::optional<std::string> valid_until;  // ISO date, inclusive
};

class SegmentStore {
 public:
  explicit SegmentStore(Database& db) noexcept : db_(db) {}

  std::optional<Segment> find(std::int64_t id);
  std::optional<Segment> find_by_sha256(const std::string& sha256);
  std::vector<Segment> list(const std::optional<std::string>& category = std::nullopt);

  // Inserts and returns the new id. Throws SQLite::Exception (e.g. on a duplicate sha256).
  std::int64_t insert(const Segment& segment);
  // Returns false if there is no such segment. Throws SQLite::Exception when the row's checks
  // refuse it (an unknown category, a validity that ends before it starts).
  bool update_details(std::int64_t id, const SegmentDetails& details);
  // Returns false if there is no such segment.
  bool approve(std::int64_t id, const std::string& approved_at);
  // Deletes the row; in_use (nothing changed) while a programme refers to it. Frozen
  // occurrences keep their copy of it and do not count.
  RemoveResult remove(std::int64_t id);

 private:
  Database& db_;
};

}  // namespace loaxa::store
