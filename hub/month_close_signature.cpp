#include "hub/month_close_signature.hpp"

#include "hub/key_vault.hpp"
#include "wire/signing.hpp"

#include <openssl/crypto.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

namespace loaxa::hub {
namespace {

constexpr std::string_view kDerivationLabel = "loaxa month close v1";
constexpr std::size_t kMasterKeyBytes = 32;

std::vector<std::uint8_t> derive(const std::vector<std::uint8_t>& master_key) {
  const auto hex = wire::hmac_sha256_hex(master_key, kDerivationLabel);
  auto key = wire::from_hex(hex, 32);
  if (!key) throw std::runtime_error("HMAC-SHA256 gave no key");
  return *key;
}

}  // namespace

MonthCloseSigner MonthCloseSigner::from_master_key_file(const std::filesystem::path& file) {
  // KeyVault::open makes the key when missing and refuses a key of the wrong size or one
  // readable by others; its bytes stay private to it, so they are read again here.
  (void)KeyVault::open(file);
  std::ifstream in(file, std::ios::binary);
  std::vector<std::uint8_t> master((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw std::runtime_error(file.string() + ": cannot read the master key");
  if (master.size() != kMasterKeyBytes) throw std::runtime_error(file.string() + ": the master key is not 32 bytes");
  return MonthCloseSigner(master);
}

MonthCloseSigner::MonthCloseSigner(const std::vector<std::uint8_t>& master_key) : key_(derive(master_key)) {}

std::string MonthCloseSigner::signed_text(const ClosedMonthRecord& record) {
  std::string text = "loaxa-month-close/1\n";
  for (const auto* field : {&record.month, &record.time_zone, &record.closed_at}) text += *field + "\n";
  return text + record.snapshot;
}

std::string MonthCloseSigner::sign(const ClosedMonthRecord& record) const {
  return wire::hmac_sha256_hex(key_, signed_text(record));
}

bool MonthCloseSigner::verify(const ClosedMonthRecord& record) const {
  if (!wire::is_lower_hex(record.signature, 64)) return false;
  const auto expected = sign(record);
  return CRYPTO_memcmp(expected.data(), record.signature.data(), expected.size()) == 0;
}

}  // namespace loaxa::hub
