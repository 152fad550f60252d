// Request signing and the key vault: known HMAC vectors, what the signature covers, the
// constant-time comparison's answers, keys sealed at rest.

#include "wire/signing.hpp"
#include "hub/key_vault.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <fstream>

using namespace loaxa::hub;
using namespace loaxa::wire;

namespace {

std::vector<std::uint8_t> bytes(const std::string& text) {
  return {text.begin(), text.end()};
}

const std::vector<std::uint8_t> kKey =
    *from_hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", 32);
const std::string kNonce = "0123456789abcdef0123456789abcdef";

}  // namespace

TEST_CASE("HMAC-SHA256 matches RFC 4231 test case 2", "[hub][signing]") {
  CHECK(hmac_sha256_hex(bytes("Jefe"), "what do ya want for nothing?") ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("the string to sign is the documented one", "[hub][signing]") {
  CHECK(string_to_sign("POST", "/api/v1/plays", "1796164200", kNonce, "") ==
        "loaxa-req/1\nPOST\n/api/v1/plays\n1796164200\n" + kNonce +
            "\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST_CASE("a signature covers method, path, timestamp, nonce, body and key", "[hub][signing]") {
  const std::string body = R"({"station_id":"xa-moi","plays":[]})";
  const auto signature = sign_request(kKey, "POST", "/api/v1/plays", "1796164200", kNonce, body);
  CHECK(is_lower_hex(signature, 64));
  CHECK(signature_matches(kKey, "POST", "/api/v1/plays", "1796164200", kNonce, body, signature));
  CHECK_FALSE(signature_matches(kKey, "PUT", "/api/v1/plays", "1796164200", kNonce, body, signature));
  CHECK_FALSE(signature_matches(kKey, "POST", "/api/v1/heartbeat", "1796164200", kNonce, body, signature));
  CHECK_FALSE(signature_matches(kKey, "POST", "/api/v1/plays", "1796164201", kNonce, body, signature));
  CHECK_FALSE(signature_matches(kKey, "POST", "/api/v1/plays", "1796164200", "f" + kNonce.substr(1), body, signature));
  CHECK_FALSE(signature_matches(kKey, "POST", "/api/v1/plays", "1796164200", kNonce, body + " ", signature));
  auto other = kKey;
  other[0] ^= 1;
  CHECK_FALSE(signature_matches(other, "POST", "/api/v1/plays", "1796164200", kNonce, body, signature));
  CHECK_FALSE(signature_matches(kKey, "POST", "/api/v1/plays", "1796164200", kNonce, body, signature.substr(1)));
  CHECK_FALSE(signature_matches(kKey, "POST", "/api/v1/plays", "1796164200", kNonce, body, ""));
}

TEST_CASE("hex, timestamps and random keys", "[hub][signing]") {
  CHECK(from_hex("00ff", 2) == std::vector<std::uint8_t>{0x00, 0xff});
  CHECK_FALSE(from_hex("00FF", 2));
  CHECK_FALSE(from_hex("00f", 2));
  CHECK(parse_timestamp("1796164200") == 1796164200);
  CHECK_FALSE(parse_timestamp("-1"));
  CHECK_FALSE(parse_timestamp(""));
  CHECK_FALSE(parse_timestamp("1e9"));
  CHECK_FALSE(parse_timestamp("1234567890123"));
  const auto a = random_bytes(32);
  const auto b = random_bytes(32);
  CHECK(a.size() == 32);
  CHECK(a != b);
}

TEST_CASE("station keys are sealed under the master key, bound to their station", "[hub][vault]") {
  const KeyVault vault(random_bytes(32));
  const auto sealed = vault.seal("xa-moi", kKey);
  CHECK(sealed.size() == 12 + 32 + 16);
  CHECK(std::search(sealed.begin(), sealed.end(), kKey.begin(), kKey.end()) == sealed.end());
  CHECK(vault.open_key("xa-moi", sealed) == kKey);
  CHECK_FALSE(vault.open_key("xa-khac", sealed));  // copied onto another station's row
  auto tampered = sealed;
  tampered[20] ^= 1;
  CHECK_FALSE(vault.open_key("xa-moi", tampered));
  const KeyVault other(random_bytes(32));
  CHECK_FALSE(other.open_key("xa-moi", sealed));
  CHECK(vault.seal("xa-moi", kKey) != sealed);  // a fresh IV each time
}

TEST_CASE("the master key file is made 0600 once and read back after", "[hub][vault]") {
  loaxa::test::TempDir dir;
  const auto file = dir / "master.key";
  const auto first = KeyVault::open(file);
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(st.st_size == 32);
  const auto sealed = first.seal("xa-moi", kKey);
  CHECK(KeyVault::open(file).open_key("xa-moi", sealed) == kKey);
  ::chmod(file.c_str(), 0644);
  CHECK_THROWS_AS(KeyVault::open(file), std::runtime_error);
  ::chmod(file.c_str(), 0600);
  std::ofstream(file, std::ios::app) << "x";
  CHECK_THROWS_AS(KeyVault::open(file), std::runtime_error);
}

TEST_CASE("the worked example of docs/HUB.md signs as documented", "[hub][signing]") {
  const std::string body =
      R"({"station_id":"xa-moi","version":"0.1.0","uptime_s":3600,"device":"portaudio:hw:0",)"
      R"("next_occurrence":"2026-12-01T10:00:00.000Z","clock_utc":"2026-12-01T03:00:01.250Z","outbox_depth":0})";
  CHECK(sha256_hex(body) == "5faab8f66ea58e077d6c68d59a48c9af9bdaa8106a13db3587b02a892fab395e");
  CHECK(sign_request(kKey, "POST", "/api/v1/heartbeat", "1796094000", kNonce, body) ==
        "82bf0e55305e029b5640729dff92e939381c741f7c566912e6511fa6980a320e");
}
