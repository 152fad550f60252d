#include "common/text_width.hpp"

#include <catch2/catch.hpp>

TEST_CASE("Vietnamese text is measured in columns, not bytes", "[text]") {
  CHECK(loaxa::display_width("abc") == 3);
  CHECK(loaxa::display_width("Chuyển đổi số") == 13);
  CHECK(loaxa::display_width("e\xcc\x81") == 1);  // e + combining acute
  CHECK(loaxa::pad_right("số", 4) == "số  ");
}
