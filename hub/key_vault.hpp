#pragma once
// Station keys at rest: each station's 32-byte key is kept sealed with AES-256-GCM under the
// hub's master key (the file `master.key` in the hub's home, 32 random bytes, mode 0600,
// made on first use). The station id is the associated data, so a sealed key copied onto
// another station's row does not open. A stolen database alone gives no key.
//
// Thread safety: const methods from any thread.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace loaxa::hub {

class KeyVault {
 public:
  // Reads the master key at `file`, creating it (0600, 32 bytes from RAND_bytes) when
  // missing. Throws std::runtime_error when the file cannot be made or read, or is not 32
  // bytes, or is readable by others than its owner and group.
  static KeyVault open(const std::filesystem::path& file);
  // For tests.
  explicit KeyVault(std::vector<std::uint8_t> master_key);

  // 12-byte IV, ciphertext, 16-byte tag. Throws std::runtime_error when OpenSSL fails.
  std::vector<std::uint8_t> seal(const std::string& station_id, const std::vector<std::uint8_t>& key) const;
  // nullopt when the sealed key was altered or belongs to another station or master key.
  std::optional<std::vector<std::uint8_t>> open_key(const std::string& station_id,
                                                    const std::vector<std::uint8_t>& sealed) const;

 private:
  std::vector<std::uint8_t> master_;
};

}  // namespace loaxa::hub
