#include "store/segment_store.hpp"

#include "store/transaction.hpp"

#include <SQLiteCpp/Statement.h>

namespace loaxa::store {
namespace {

constexpr const char* kColumns =
    "id, sha256, title, category, original_name, file_name, size_bytes, format, sample_rate, channels, "
    "frames, duration_ms, loudness_lufs, true_peak_dbtp, trim_start_ms, trim_end_ms, approved, approved_at, "
    "valid_from, valid_until, imported_at";

std::optional<std::string> optional_text(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getString();
}

Segment read_row(SQLite::Statement& q) {
  Segment s;
  s.id = q.getColumn(0).getInt64();
  s.sha256 = q.getColumn(1).getString();
  s.title = q.getColumn(2).getString();
  s.category = q.getColumn(3).getString();
  s.original_name = q.getColumn(4).getString();
  s.file_name = q.getColumn(5).getString();
  s.size_bytes = q.getColumn(6).getInt64();
  s.format = q.getColumn(7).getString();
  s.sample_rate = q.getColumn(8).getInt();
  s.channels = q.getColumn(9).getInt();
  s.frames = q.getColumn(10).getInt64();
  s.duration_ms = q.getColumn(11).getInt64();
  s.loudness_lufs = q.getColumn(12).getDouble();
  s.true_peak_dbtp = q.getColumn(13).getDouble();
  s.trim_start_ms = q.getColumn(14).getInt64();
  s.trim_end_ms = q.getColumn(15).getInt64();
  s.approved = q.getColumn(16).getInt() != 0;
  s.approved_at = optional_text(q.getColumn(17));
  s.valid_from = optional_text(q.getColumn(18));
  s.valid_until = optional_text(q.getColumn(19));
  s.imported_at = q.getColumn(20).getString();
  return s;
}

void bind_optional(SQLite::Statement& q, int index, const std::optional<std::string>& value) {
  if (value)
    q.bind(index, *value);
  else
    q.bind(index);
}

}  // namespace

std::optional<Segment> SegmentStore::find(std::int64_t id) {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kColumns + " FROM segment WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return read_row(q);
}

std::optional<Segment> SegmentStore::find_by_sha256(const std::string& sha256) {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kColumns + " FROM segment WHERE sha256 = ?");
  q.bind(1, sha256);
  if (!q.executeStep()) return std::nullopt;
  return read_row(q);
}

std::vector<Segment> SegmentStore::list(const std::optional<std::string>& category) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM segment";
  if (category) sql += " WHERE category = ?";
  sql += " ORDER BY id";
  SQLite::Statement q(db_.sql(), sql);
  if (category) q.bind(1, *category);
  std::vector<Segment> out;
  while (q.executeStep()) out.push_back(read_row(q));
  return out;
}

std::int64_t SegmentStore::insert(const Segment& s) {
  WriteTransaction transaction(db_);
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO segment (sha256, title, category, original_name, file_name, size_bytes, format, "
                      "sample_rate, channels, frames, duration_ms, loudness_lufs, true_peak_dbtp, trim_start_ms, "
                      "trim_end_ms, approved, approved_at, valid_from, valid_until, imported_at) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, s.sha256);
  q.bind(2, s.title);
  q.bind(3, s.category);
  q.bind(4, s.original_name);
  q.bind(5, s.file_name);
  q.bind(6, s.size_bytes);
  q.bind(7, s.format);
  q.bind(8, s.sample_rate);
  q.bind(9, s.channels);
  q.bind(10, s.frames);
  q.bind(11, s.duration_ms);
  q.bind(12, s.loudness_lufs);
  q.bind(13, s.true_peak_dbtp);
  q.bind(14, s.trim_start_ms);
  q.bind(15, s.trim_end_ms);
  q.bind(16, s.approved ? 1 : 0);
  bind_optional(q, 17, s.approved_at);
  bind_optional(q, 18, s.valid_from);
  bind_optional(q, 19, s.valid_until);
  q.bind(20, s.imported_at);
  q.exec();
  const std::int64_t id = db_.sql().getLastInsertRowid();
  transaction.commit();
  return id;
}

bool SegmentStore::update_details(std::int64_t id, const SegmentDetails& details) {
  WriteTransaction transaction(db_);
  SQLite::Statement q(db_.sql(),
                      "UPDATE segment SET title = ?, category = ?, valid_from = ?, valid_until = ? WHERE id = ?");
  q.bind(1, details.title);
  q.bind(2, details.category);
  bind_optional(q, 3, details.valid_from);
  bind_optional(q, 4, details.valid_until);
  q.bind(5, id);
  const bool found = q.exec() == 1;
  transaction.commit();
  return found;
}

bool SegmentStore::approve(std::int64_t id, const std::string& approved_at) {
  WriteTransaction transaction(db_);
  SQLite::Statement q(db_.sql(),
                      "UPDATE segment SET approved = 1, approved_at = coalesce(approved_at, ?) WHERE id = ?");
  q.bind(1, approved_at);
  q.bind(2, id);
  const bool found = q.exec() == 1;
  transaction.commit();
  return found;
}

RemoveResult SegmentStore::remove(std::int64_t id) {
  return remove_row(db_, "DELETE FROM segment WHERE id = ?", id);
}

}  // namespace loaxa::store
