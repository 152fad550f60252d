#include "store/mandate_store.hpp"

#include "store/transaction.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace loaxa::store {
namespace {

constexpr const char* kColumns =
    "id, title, category, date_from, date_until, times_per_week, windows, level, audio_sha256, audio_size, "
    "audio_name, issued_at, received_at, state, reason, segment_id, programme_id, planned, state_at, reported, "
    "aired_at_once";

std::optional<std::int64_t> optional_id(const SQLite::Column& column) {
  if (column.isNull()) return std::nullopt;
  return column.getInt64();
}

StoredMandate read_row(SQLite::Statement& q) {
  StoredMandate m;
  m.order = read_order_columns(q);
  m.received_at = parse_utc_text(q.getColumn(12).getString());
  m.state = parse_mandate_state(q.getColumn(13).getString());
  m.order.cancelled = m.state == MandateState::cancelled;
  m.reason = q.getColumn(14).isNull() ? "" : q.getColumn(14).getString();
  m.segment_id = optional_id(q.getColumn(15));
  m.programme_id = optional_id(q.getColumn(16));
  if (!q.getColumn(17).isNull()) m.planned = q.getColumn(17).getInt();
  m.state_at = parse_utc_text(q.getColumn(18).getString());
  m.reported = q.getColumn(19).getInt() != 0;
  if (!q.getColumn(20).isNull()) m.aired_at_once = parse_utc_text(q.getColumn(20).getString());
  return m;
}

// Binds the order's own columns from `first` on: title … issued_at (10 values).
void bind_order(SQLite::Statement& q, int first, const MandateOrder& order) {
  q.bind(first, order.title);
  q.bind(first + 1, order.category);
  q.bind(first + 2, schedules::format_date(order.terms.from));
  q.bind(first + 3, schedules::format_date(order.terms.until));
  q.bind(first + 4, order.terms.times_per_week);
  q.bind(first + 5, schedules::format_windows(order.terms.windows));
  q.bind(first + 6, schedules::to_string(order.terms.level));
  q.bind(first + 7, order.sha256);
  q.bind(first + 8, order.size);
  q.bind(first + 9, order.file_name);
  q.bind(first + 10, utc_text(order.issued_at));
}

bool run_update(Database& db, SQLite::Statement& q) {
  WriteTransaction transaction(db);
  const bool changed = q.exec() > 0;
  transaction.commit();
  return changed;
}

}  // namespace

MandateOrder read_order_columns(SQLite::Statement& q) {
  MandateOrder o;
  o.id = q.getColumn(0).getInt64();
  o.title = q.getColumn(1).getString();
  o.category = q.getColumn(2).getString();
  o.terms.from = schedules::parse_date(q.getColumn(3).getString());
  o.terms.until = schedules::parse_date(q.getColumn(4).getString());
  o.terms.times_per_week = q.getColumn(5).getInt();
  const auto windows = q.getColumn(6).getString();
  if (!windows.empty()) o.terms.windows = schedules::parse_windows(windows);
  o.terms.level = schedules::parse_mandate_level(q.getColumn(7).getString());
  o.sha256 = q.getColumn(8).getString();
  o.size = q.getColumn(9).getInt64();
  o.file_name = q.getColumn(10).getString();
  o.issued_at = parse_utc_text(q.getColumn(11).getString());
  return o;
}

const char* to_string(MandateState state) noexcept {
  switch (state) {
    case MandateState::downloading:
      return "downloading";
    case MandateState::received:
      return "received";
    case MandateState::declined:
      return "declined";
    case MandateState::refused:
      return "refused";
    case MandateState::cancelled:
      return "cancelled";
  }
  return "unknown";
}

MandateState parse_mandate_state(const std::string& text) {
  for (const auto state : {MandateState::downloading, MandateState::received, MandateState::declined,
                           MandateState::refused, MandateState::cancelled}) {
    if (text == to_string(state)) return state;
  }
  throw std::invalid_argument("unknown mandate state '" + text + "'");
}

std::optional<StoredMandate> MandateStore::find(std::int64_t id) {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kColumns + " FROM mandate WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  return read_row(q);
}

std::vector<StoredMandate> MandateStore::list() {
  SQLite::Statement q(db_.sql(), std::string("SELECT ") + kColumns + " FROM mandate ORDER BY id");
  std::vector<StoredMandate> out;
  while (q.executeStep()) out.push_back(read_row(q));
  return out;
}

bool MandateStore::insert(const MandateOrder& order, schedules::UtcTime at) {
  WriteTransaction transaction(db_);
  SQLite::Statement q(db_.sql(),
                      "INSERT OR IGNORE INTO mandate (id, title, category, date_from, date_until, times_per_week, "
                      "windows, level, audio_sha256, audio_size, audio_name, issued_at, received_at, state, "
                      "state_at, reported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'downloading', ?, 0)");
  q.bind(1, order.id);
  bind_order(q, 2, order);
  q.bind(13, utc_text(at));
  q.bind(14, utc_text(at));
  const bool added = q.exec() > 0;
  transaction.commit();
  return added;
}

bool MandateStore::update_order(const MandateOrder& order) {
  SQLite::Statement q(db_.sql(),
                      "UPDATE mandate SET title = ?, category = ?, date_from = ?, date_until = ?, times_per_week = ?, "
                      "windows = ?, level = ?, audio_sha256 = ?, audio_size = ?, audio_name = ?, issued_at = ? "
                      "WHERE id = ?");
  bind_order(q, 1, order);
  q.bind(12, order.id);
  return run_update(db_, q);
}

bool MandateStore::set_state(std::int64_t id, MandateState state, const std::string& reason, std::optional<int> planned,
                             schedules::UtcTime at) {
  SQLite::Statement q(db_.sql(),
                      "UPDATE mandate SET state = ?, reason = ?, planned = ?, state_at = ?, reported = 0 WHERE id = ?");
  q.bind(1, to_string(state));
  if (reason.empty())
    q.bind(2);
  else
    q.bind(2, reason);
  if (planned)
    q.bind(3, *planned);
  else
    q.bind(3);
  q.bind(4, utc_text(at));
  q.bind(5, id);
  return run_update(db_, q);
}

bool MandateStore::set_content(std::int64_t id, std::int64_t segment_id, std::optional<std::int64_t> programme_id) {
  SQLite::Statement q(db_.sql(), "UPDATE mandate SET segment_id = ?, programme_id = ? WHERE id = ?");
  q.bind(1, segment_id);
  if (programme_id)
    q.bind(2, *programme_id);
  else
    q.bind(2);
  q.bind(3, id);
  return run_update(db_, q);
}

bool MandateStore::set_aired_at_once(std::int64_t id, schedules::UtcTime at) {
  SQLite::Statement q(db_.sql(), "UPDATE mandate SET aired_at_once = ? WHERE id = ?");
  q.bind(1, utc_text(at));
  q.bind(2, id);
  return run_update(db_, q);
}

std::vector<MandateReport> MandateStore::unreported() {
  SQLite::Statement q(db_.sql(),
                      "SELECT id, state, state_at, reason, planned FROM mandate WHERE reported = 0 AND "
                      "state NOT IN ('downloading', 'cancelled') ORDER BY id");
  std::vector<MandateReport> out;
  while (q.executeStep()) {
    MandateReport r;
    r.mandate_id = q.getColumn(0).getInt64();
    r.state = parse_mandate_state(q.getColumn(1).getString());
    r.at = parse_utc_text(q.getColumn(2).getString());
    r.reason = q.getColumn(3).isNull() ? "" : q.getColumn(3).getString();
    if (!q.getColumn(4).isNull()) r.planned = q.getColumn(4).getInt();
    out.push_back(std::move(r));
  }
  return out;
}

void MandateStore::mark_reported(std::int64_t id, schedules::UtcTime state_at) {
  SQLite::Statement q(db_.sql(), "UPDATE mandate SET reported = 1 WHERE id = ? AND state_at = ?");
  q.bind(1, id);
  q.bind(2, utc_text(state_at));
  run_update(db_, q);
}

void MandateStore::set_slot_mandate(std::int64_t slot_id, std::int64_t mandate_id) {
  SQLite::Statement q(db_.sql(), "UPDATE slot SET mandate_id = ? WHERE id = ?");
  q.bind(1, mandate_id);
  q.bind(2, slot_id);
  run_update(db_, q);
}

std::vector<std::int64_t> MandateStore::slots_of(std::int64_t mandate_id) {
  SQLite::Statement q(db_.sql(), "SELECT id FROM slot WHERE mandate_id = ? ORDER BY id");
  q.bind(1, mandate_id);
  std::vector<std::int64_t> out;
  while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
  return out;
}

std::optional<std::int64_t> MandateStore::mandate_of_slot(std::int64_t slot_id) {
  SQLite::Statement q(db_.sql(), "SELECT mandate_id FROM slot WHERE id = ?");
  q.bind(1, slot_id);
  if (!q.executeStep()) return std::nullopt;
  return optional_id(q.getColumn(0));
}

std::vector<std::pair<std::int64_t, std::int64_t>> MandateStore::mandate_slots() {
  SQLite::Statement q(db_.sql(), "SELECT id, mandate_id FROM slot WHERE mandate_id IS NOT NULL ORDER BY id");
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  while (q.executeStep()) out.emplace_back(q.getColumn(0).getInt64(), q.getColumn(1).getInt64());
  return out;
}

void MandateStore::set_segment_from_hub(std::int64_t segment_id) {
  SQLite::Statement q(db_.sql(), "UPDATE segment SET origin = 'hub' WHERE id = ?");
  q.bind(1, segment_id);
  run_update(db_, q);
}

std::optional<std::string> MandateStore::segment_origin(std::int64_t segment_id) {
  SQLite::Statement q(db_.sql(), "SELECT origin FROM segment WHERE id = ?");
  q.bind(1, segment_id);
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getString();
}

int MandateStore::aired(std::int64_t mandate_id, schedules::UtcTime from, schedules::UtcTime to) {
  SQLite::Statement q(db_.sql(),
                      "SELECT count(*) FROM play WHERE mandate_id = ? AND status = 'completed' AND started_at >= ? "
                      "AND started_at < ?");
  q.bind(1, mandate_id);
  q.bind(2, utc_text(from));
  q.bind(3, utc_text(to));
  q.executeStep();
  return q.getColumn(0).getInt();
}

MandateStore::SlotPlays MandateStore::plays_of_slot(std::int64_t mandate_id, std::int64_t slot_id) {
  SQLite::Statement q(db_.sql(), "SELECT status FROM play WHERE mandate_id = ? AND slot_id = ?");
  q.bind(1, mandate_id);
  q.bind(2, slot_id);
  SlotPlays out;
  while (q.executeStep()) {
    const std::string status = q.getColumn(0).getString();
    out.any = true;
    out.completed = out.completed || status == "completed";
    out.playing = out.playing || status == "playing";
  }
  return out;
}

std::vector<HeardReport> MandateStore::unreported_heard(int limit) {
  SQLite::Statement q(db_.sql(),
                      "SELECT seq, heard_pct FROM play WHERE mandate_id IS NOT NULL AND seq IS NOT NULL AND "
                      "heard_pct IS NOT NULL AND heard_reported = 0 ORDER BY seq LIMIT ?");
  q.bind(1, limit);
  std::vector<HeardReport> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getDouble()});
  return out;
}

void MandateStore::mark_heard_reported(const std::vector<std::int64_t>& seqs) {
  WriteTransaction transaction(db_);
  SQLite::Statement q(db_.sql(), "UPDATE play SET heard_reported = 1 WHERE seq = ?");
  for (const auto seq : seqs) {
    q.bind(1, seq);
    q.exec();
    q.reset();
  }
  transaction.commit();
}

}  // namespace loaxa::store
