#pragma once
// Categories (lĩnh vực): CDS and CCHC exist from the first migration; the district adds more.
// Call on the thread that owns the Database.

#include "store/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace loaxa::store {

struct Category {
  std::string code;  // upper-case ASCII, e.g. "CDS", "ANTT"
  std::string name;  // e.g. "Chuyển đổi số"
};

class CategoryStore {
 public:
  explicit CategoryStore(Database& db) noexcept : db_(db) {}

  std::vector<Category> list();
  std::optional<Category> find(const std::string& code);
  // Returns false if the code exists already. Throws BusyError, SQLite::Exception otherwise.
  bool add(const Category& category);

 private:
  Database& db_;
};

// "cds" → "CDS"; nullopt if the text is not 1–16 ASCII letters/digits starting with a letter.
std::optional<std::string> normalize_category_code(const std::string& text);

}  // namespace loaxa::store
