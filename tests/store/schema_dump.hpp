#pragma once
// Reading a database back for comparison in tests: its schema object by object, and every
// row of a table as text.

#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>

#include <map>
#include <string>
#include <vector>

namespace loaxa::store::test {

// "table slot" → its CREATE statement, as SQLite records it.
inline std::map<std::string, std::string> schema_of(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT type || ' ' || name, coalesce(sql, '') FROM sqlite_schema ORDER BY 1");
  std::map<std::string, std::string> out;
  while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
  return out;
}

// Every row of `table` (in rowid order, or `order`), each as "column=value|…", NULL as "∅".
inline std::vector<std::string> rows_of(SQLite::Database& db, const std::string& table,
                                        const std::vector<std::string>& skip = {}, const std::string& order = "rowid") {
  SQLite::Statement q(db, "SELECT * FROM " + table + " ORDER BY " + order);
  std::vector<std::string> out;
  while (q.executeStep()) {
    std::string row;
    for (int i = 0; i < q.getColumnCount(); ++i) {
      const std::string name = q.getColumnName(i);
      bool skipped = false;
      for (const auto& s : skip) skipped = skipped || s == name;
      if (skipped) continue;
      row += name + "=" + (q.getColumn(i).isNull() ? std::string("∅") : q.getColumn(i).getString()) + "|";
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace loaxa::store::test
