#include "store/category_store.hpp"

#include <catch2/catch.hpp>

using namespace loaxa::store;

TEST_CASE("CDS and CCHC exist from the start", "[store][category]") {
  auto db = Database::in_memory();
  CategoryStore categories(db);
  auto all = categories.list();
  REQUIRE(all.size() == 2);
  CHECK(all[0].code == "CCHC");
  CHECK(all[1].code == "CDS");
  CHECK(categories.find("CDS")->name == "Chuyển đổi số");
}

TEST_CASE("a category is added once", "[store][category]") {
  auto db = Database::in_memory();
  CategoryStore categories(db);
  CHECK(categories.add({"ANTT", "An ninh trật tự"}));
  CHECK_FALSE(categories.add({"ANTT", "Another name"}));
  CHECK(categories.find("ANTT")->name == "An ninh trật tự");
}

TEST_CASE("category codes are normalised to upper case ASCII", "[store][category]") {
  CHECK(normalize_category_code("cds") == "CDS");
  CHECK(normalize_category_code("Pctt2") == "PCTT2");
  CHECK_FALSE(normalize_category_code(""));
  CHECK_FALSE(normalize_category_code("2ANTT"));
  CHECK_FALSE(normalize_category_code("CĐS"));
  CHECK_FALSE(normalize_category_code("A-B"));
  CHECK_FALSE(normalize_category_code(std::string(17, 'A')));
}
