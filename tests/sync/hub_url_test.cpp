#include "sync/hub_url.hpp"

#include <catch2/catch.hpp>

using loaxa::sync::parse_hub_url;

TEST_CASE("the hub's URL splits into scheme, host and port", "[sync]") {
  auto https = parse_hub_url("https://hub.huyen.vn:8443");
  REQUIRE(https);
  CHECK(https->tls);
  CHECK(https->host == "hub.huyen.vn");
  CHECK(https->port == "8443");
  auto plain = parse_hub_url("http://127.0.0.1/");
  REQUIRE(plain);
  CHECK_FALSE(plain->tls);
  CHECK(plain->port == "80");
  CHECK(parse_hub_url("https://[::1]:9")->host == "::1");
  CHECK(parse_hub_url("https://hub")->port == "443");
  CHECK_FALSE(parse_hub_url("ftp://hub"));
  CHECK_FALSE(parse_hub_url("https://hub/api"));
  CHECK_FALSE(parse_hub_url("https://hub:port"));
}
