#include "store/category_store.hpp"

#include "store/transaction.hpp"

#include <SQLiteCpp/Statement.h>

namespace loaxa::store {

std::vector<Category> CategoryStore::list() {
  SQLite::Statement query(db_.sql(), "SELECT code, name FROM category ORDER BY code");
  std::vector<Category> out;
  while (query.executeStep()) out.push_back({query.getColumn(0).getString(), query.getColumn(1).getString()});
  return out;
}

std::optional<Category> CategoryStore::find(const std::string& code) {
  SQLite::Statement query(db_.sql(), "SELECT code, name FROM category WHERE code = ?");
  query.bind(1, code);
  if (!query.executeStep()) return std::nullopt;
  return Category{query.getColumn(0).getString(), query.getColumn(1).getString()};
}

bool CategoryStore::add(const Category& category) {
  WriteTransaction transaction(db_);
  SQLite::Statement insert(db_.sql(), "INSERT INTO category (code, name) VALUES (?, ?) ON CONFLICT DO NOTHING");
  insert.bind(1, category.code);
  insert.bind(2, category.name);
  const bool added = insert.exec() == 1;
  transaction.commit();
  return added;
}

std::optional<std::string> normalize_category_code(const std::string& text) {
  if (text.empty() || text.size() > 16) return std::nullopt;
  std::string code;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!ok) return std::nullopt;
    code.push_back(c);
  }
  if (code.front() < 'A' || code.front() > 'Z') return std::nullopt;
  return code;
}

}  // namespace loaxa::store
