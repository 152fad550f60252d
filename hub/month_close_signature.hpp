#pragma once
// The month close's signature: HMAC-SHA256 over a closed month's record, under a key of its
// own derived from the hub's master key (key_vault.hpp):
//   key = HMAC-SHA256(master key, "loaxa month close v1")
//   signed = "loaxa-month-close/1\n" month "\n" time_zone "\n" closed_at "\n" snapshot
// So an edit of any stored field — a number in the snapshot, the close's time, the month it
// claims — fails the check, and the key that seals station keys is never used for anything
// else. Whoever holds master.key can sign; a stolen or edited database alone cannot.
//
// Thread safety: const methods from any thread.

#include "hub/month_close_store.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::hub {

class MonthCloseSigner {
 public:
  // From the hub's master.key (made when missing, checked as KeyVault::open checks it).
  // Throws std::runtime_error when it cannot be read.
  static MonthCloseSigner from_master_key_file(const std::filesystem::path& file);
  // From the master key's bytes (tests).
  explicit MonthCloseSigner(const std::vector<std::uint8_t>& master_key);

  std::string sign(const ClosedMonthRecord& record) const;
  // Compares in constant time; false for a signature that is not 64 hex digits.
  bool verify(const ClosedMonthRecord& record) const;

  // What is signed, for the record.
  static std::string signed_text(const ClosedMonthRecord& record);

 private:
  std::vector<std::uint8_t> key_;
};

}  // namespace loaxa::hub
