#include "common/sha256.hpp"

#include <catch2/catch.hpp>

TEST_CASE("SHA-256 matches the FIPS 180-2 examples", "[sha256]") {
  loaxa::Sha256 empty;
  CHECK(empty.finish() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  loaxa::Sha256 abc;
  abc.update("a", 1);
  abc.update("bc", 2);
  CHECK(abc.finish() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}
