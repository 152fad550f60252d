#include "store/programme_store.hpp"

#include "store/transaction.hpp"

#include <SQLiteCpp/Statement.h>

#include <charconv>
#include <stdexcept>

namespace loaxa::store {
namespace {

schedules::ItemKind kind_from(const std::string& text) {
  if (text == "segment") return schedules::ItemKind::segment;
  if (text == "jingle") return schedules::ItemKind::jingle;
  if (text == "rotate") return schedules::ItemKind::rotate;
  return schedules::ItemKind::relay;
}

std::int64_t numeric_id(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value <= 0) throw std::invalid_argument(text);
  return value;
}

}  // namespace

std::vector<schedules::ProgrammeItem> ProgrammeStore::items_of(std::int64_t id) {
  SQLite::Statement q(db_.sql(),
                      "SELECT kind, segment_id, category, count, source, duration_s FROM programme_item "
                      "WHERE programme_id = ? ORDER BY position");
  q.bind(1, id);
  std::vector<schedules::ProgrammeItem> items;
  while (q.executeStep()) {
    schedules::ProgrammeItem item;
    item.kind = kind_from(q.getColumn(0).getString());
    if (!q.getColumn(1).isNull()) item.segment_id = std::to_string(q.getColumn(1).getInt64());
    if (!q.getColumn(2).isNull()) item.category = q.getColumn(2).getString();
    if (!q.getColumn(3).isNull()) item.count = q.getColumn(3).getInt();
    if (!q.getColumn(4).isNull()) item.source = q.getColumn(4).getString();
    if (!q.getColumn(5).isNull()) item.duration = std::chrono::seconds(q.getColumn(5).getInt64());
    items.push_back(std::move(item));
  }
  return items;
}

std::vector<schedules::Programme> ProgrammeStore::list() {
  SQLite::Statement q(db_.sql(), "SELECT id, name FROM programme ORDER BY id");
  std::vector<schedules::Programme> out;
  while (q.executeStep()) out.push_back({q.getColumn(0).getInt64(), q.getColumn(1).getString(), {}});
  for (auto& programme : out) programme.items = items_of(programme.id);
  return out;
}

std::optional<schedules::Programme> ProgrammeStore::find(std::int64_t id) {
  SQLite::Statement q(db_.sql(), "SELECT id, name FROM programme WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  schedules::Programme programme{q.getColumn(0).getInt64(), q.getColumn(1).getString(), {}};
  programme.items = items_of(programme.id);
  return programme;
}

std::optional<schedules::Programme> ProgrammeStore::find_by_name(const std::string& name) {
  SQLite::Statement q(db_.sql(), "SELECT id FROM programme WHERE name = ?");
  q.bind(1, name);
  if (!q.executeStep()) return std::nullopt;
  return find(q.getColumn(0).getInt64());
}

std::optional<std::int64_t> ProgrammeStore::add(const std::string& name,
                                                const std::vector<schedules::ProgrammeItem>& items,
                                                const std::string& created_at) {
  WriteTransaction transaction(db_);
  // The name's uniqueness (NOCASE) is the only conflict DO NOTHING absorbs; a missing
  // segment or category still throws.
  SQLite::Statement insert(db_.sql(), "INSERT INTO programme (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING");
  insert.bind(1, name);
  insert.bind(2, created_at);
  if (insert.exec() == 0) return std::nullopt;
  const std::int64_t id = db_.sql().getLastInsertRowid();

  insert_items(id, items);
  transaction.commit();
  return id;
}

bool ProgrammeStore::set_items(std::int64_t id, const std::vector<schedules::ProgrammeItem>& items) {
  WriteTransaction transaction(db_);
  if (!find(id)) return false;
  SQLite::Statement clear(db_.sql(), "DELETE FROM programme_item WHERE programme_id = ?");
  clear.bind(1, id);
  clear.exec();
  insert_items(id, items);
  transaction.commit();
  return true;
}

void ProgrammeStore::insert_items(std::int64_t id, const std::vector<schedules::ProgrammeItem>& items) {
  SQLite::Statement item_insert(db_.sql(),
                                "INSERT INTO programme_item (programme_id, position, kind, segment_id, category, "
                                "count, source, duration_s) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  int position = 0;
  for (const auto& item : items) {
    item_insert.reset();
    item_insert.clearBindings();
    item_insert.bind(1, id);
    item_insert.bind(2, position++);
    item_insert.bind(3, schedules::to_string(item.kind));
    switch (item.kind) {
      case schedules::ItemKind::segment:
      case schedules::ItemKind::jingle:
        item_insert.bind(4, numeric_id(item.segment_id));
        break;
      case schedules::ItemKind::rotate:
        item_insert.bind(5, item.category);
        item_insert.bind(6, item.count);
        break;
      case schedules::ItemKind::relay:
        item_insert.bind(7, item.source);
        item_insert.bind(8, static_cast<std::int64_t>(item.duration.count()));
        break;
    }
    item_insert.exec();
  }
}

RemoveResult ProgrammeStore::remove(std::int64_t id) {
  return remove_row(db_, "DELETE FROM programme WHERE id = ?", id);
}

}  // namespace loaxa::store
