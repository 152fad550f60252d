#include "store/occurrence_store.hpp"

#include "store/transaction.hpp"
#include "store/utc_text.hpp"

#include <SQLiteCpp/Statement.h>

#include <stdexcept>

namespace loaxa::store {
namespace {

using schedules::ItemKind;
using schedules::SkipReason;

ItemKind kind_from(const std::string& text) {
  for (auto kind : {ItemKind::segment, ItemKind::jingle, ItemKind::rotate, ItemKind::relay}) {
    if (text == schedules::to_string(kind)) return kind;
  }
  throw std::invalid_argument("unknown item kind in occurrence_item: " + text);
}

SkipReason skip_reason_from(const std::string& text) {
  for (auto reason : {SkipReason::unknown_segment, SkipReason::not_approved, SkipReason::not_yet_valid,
                      SkipReason::expired, SkipReason::rotation_short}) {
    if (text == schedules::to_string(reason)) return reason;
  }
  throw std::invalid_argument("unknown skip reason in occurrence_item: " + text);
}

}  // namespace

bool OccurrenceStore::freeze(const schedules::FrozenOccurrence& occurrence, std::int64_t programme_id,
                             const std::string& frozen_at) {
  WriteTransaction transaction(db_);
  SQLite::Statement insert(db_.sql(),
                           "INSERT INTO occurrence (slot_id, nominal_start_utc, programme_id, start_utc, frozen_at) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (slot_id, nominal_start_utc) DO NOTHING");
  insert.bind(1, occurrence.slot_id);
  insert.bind(2, utc_text(occurrence.nominal_start));
  insert.bind(3, programme_id);
  insert.bind(4, utc_text(occurrence.start));
  insert.bind(5, frozen_at);
  if (insert.exec() == 0) return false;
  const std::int64_t id = db_.sql().getLastInsertRowid();

  SQLite::Statement item_insert(db_.sql(),
                                "INSERT INTO occurrence_item (occurrence_id, position, kind, segment_id, title, "
                                "category, planned_ms, skipped, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  int position = 0;
  for (const auto& item : occurrence.items) {
    item_insert.reset();
    item_insert.clearBindings();
    item_insert.bind(1, id);
    item_insert.bind(2, position++);
    item_insert.bind(3, schedules::to_string(item.kind));
    item_insert.bind(4, item.segment_id);
    item_insert.bind(5, item.title);
    item_insert.bind(6, item.category);
    item_insert.bind(7, item.planned_ms);
    if (item.skipped) item_insert.bind(8, schedules::to_string(*item.skipped));
    item_insert.bind(9, item.missing);
    item_insert.exec();
  }
  transaction.commit();
  return true;
}

std::vector<schedules::FrozenOccurrence> OccurrenceStore::select(const std::string& where,
                                                                 const std::function<void(SQLite::Statement&)>& bind) {
  // One statement, so occurrences and their items come from the same state of the database.
  SQLite::Statement q(db_.sql(),
                      "SELECT o.id, o.slot_id, o.nominal_start_utc, o.start_utc, i.position, i.kind, i.segment_id, "
                      "i.title, i.category, i.planned_ms, i.skipped, i.missing "
                      "FROM occurrence o LEFT JOIN occurrence_item i ON i.occurrence_id = o.id " +
                          where + " ORDER BY o.nominal_start_utc, o.slot_id, o.id, i.position");
  bind(q);
  std::vector<schedules::FrozenOccurrence> out;
  std::int64_t current_id = 0;
  while (q.executeStep()) {
    const std::int64_t id = q.getColumn(0).getInt64();
    if (out.empty() || id != current_id) {
      current_id = id;
      schedules::FrozenOccurrence occurrence;
      occurrence.slot_id = q.getColumn(1).getInt64();
      occurrence.nominal_start = parse_utc_text(q.getColumn(2).getString());
      occurrence.start = parse_utc_text(q.getColumn(3).getString());
      out.push_back(std::move(occurrence));
    }
    if (q.getColumn(4).isNull()) continue;  // an occurrence with no items
    schedules::PlannedItem item;
    item.kind = kind_from(q.getColumn(5).getString());
    item.segment_id = q.getColumn(6).getString();
    item.title = q.getColumn(7).getString();
    item.category = q.getColumn(8).getString();
    item.planned_ms = q.getColumn(9).getInt64();
    if (!q.getColumn(10).isNull()) item.skipped = skip_reason_from(q.getColumn(10).getString());
    item.missing = q.getColumn(11).getInt();
    out.back().items.push_back(std::move(item));
  }
  return out;
}

std::vector<schedules::FrozenOccurrence> OccurrenceStore::frozen_since(schedules::UtcTime from) {
  return select("WHERE o.nominal_start_utc >= ?", [&](SQLite::Statement& q) { q.bind(1, utc_text(from)); });
}

std::optional<schedules::FrozenOccurrence> OccurrenceStore::find(std::int64_t slot_id,
                                                                 schedules::UtcTime nominal_start) {
  auto found = select("WHERE o.slot_id = ? AND o.nominal_start_utc = ?", [&](SQLite::Statement& q) {
    q.bind(1, slot_id);
    q.bind(2, utc_text(nominal_start));
  });
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

std::optional<std::int64_t> OccurrenceStore::programme_of(std::int64_t slot_id, schedules::UtcTime nominal_start) {
  SQLite::Statement q(db_.sql(), "SELECT programme_id FROM occurrence WHERE slot_id = ? AND nominal_start_utc = ?");
  q.bind(1, slot_id);
  q.bind(2, utc_text(nominal_start));
  if (!q.executeStep()) return std::nullopt;
  return q.getColumn(0).getInt64();
}

std::optional<schedules::UtcTime> OccurrenceStore::latest_start() {
  SQLite::Statement q(db_.sql(), "SELECT max(start_utc) FROM occurrence");
  if (!q.executeStep() || q.getColumn(0).isNull()) return std::nullopt;
  return parse_utc_text(q.getColumn(0).getString());
}

}  // namespace loaxa::store
