#include "hub/key_vault.hpp"

#include "wire/signing.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace loaxa::hub {

// Protocol v1's shared parts (signing, the play's JSON), as the station uses them.
using namespace loaxa::wire;
namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kIvBytes = 12;
constexpr std::size_t kTagBytes = 16;

struct CipherFree {
  void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};
using Cipher = std::unique_ptr<EVP_CIPHER_CTX, CipherFree>;

Cipher new_cipher() {
  Cipher ctx(EVP_CIPHER_CTX_new());
  if (!ctx) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  return ctx;
}

std::system_error file_error(const std::filesystem::path& file) {
  return std::system_error(errno, std::generic_category(), file.string());
}

std::vector<std::uint8_t> read_key_file(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) throw file_error(file);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const auto error = file_error(file);
    ::close(fd);
    throw error;
  }
  std::vector<std::uint8_t> key(kKeyBytes + 1);
  const auto got = ::read(fd, key.data(), key.size());
  ::close(fd);
  if ((st.st_mode & 0007) != 0) {
    throw std::runtime_error(file.string() + ": the master key is readable by others (chmod 600 it)");
  }
  if (got != static_cast<ssize_t>(kKeyBytes)) {
    throw std::runtime_error(file.string() + ": the master key is not 32 bytes");
  }
  key.resize(kKeyBytes);
  return key;
}

}  // namespace

KeyVault::KeyVault(std::vector<std::uint8_t> master_key) : master_(std::move(master_key)) {
  if (master_.size() != kKeyBytes) throw std::invalid_argument("the master key must be 32 bytes");
}

KeyVault KeyVault::open(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    const auto key = random_bytes(kKeyBytes);
    const bool written = ::fchmod(fd, 0600) == 0 &&
                         ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    const auto error = file_error(file);
    ::close(fd);
    if (!written) {
      ::unlink(file.c_str());
      throw error;
    }
    return KeyVault(key);
  }
  if (errno != EEXIST) throw file_error(file);
  return KeyVault(read_key_file(file));
}

std::vector<std::uint8_t> KeyVault::seal(const std::string& station_id, const std::vector<std::uint8_t>& key) const {
  std::vector<std::uint8_t> out = random_bytes(kIvBytes);
  out.resize(kIvBytes + key.size() + kTagBytes);
  auto ctx = new_cipher();
  int length = 0;
  int final_length = 0;
  const bool ok =
      EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, master_.data(), out.data()) == 1 &&
      EVP_EncryptUpdate(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(station_id.data()),
                        static_cast<int>(station_id.size())) == 1 &&
      EVP_EncryptUpdate(ctx.get(), out.data() + kIvBytes, &length, key.data(), static_cast<int>(key.size())) == 1 &&
      EVP_EncryptFinal_ex(ctx.get(), out.data() + kIvBytes + length, &final_length) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, static_cast<int>(kTagBytes),
                          out.data() + kIvBytes + key.size()) == 1;
  if (!ok) throw std::runtime_error("AES-256-GCM sealing failed");
  return out;
}

std::optional<std::vector<std::uint8_t>> KeyVault::open_key(const std::string& station_id,
                                                            const std::vector<std::uint8_t>& sealed) const {
  if (sealed.size() <= kIvBytes + kTagBytes) return std::nullopt;
  const std::size_t size = sealed.size() - kIvBytes - kTagBytes;
  std::vector<std::uint8_t> key(size);
  std::vector<std::uint8_t> tag(sealed.end() - static_cast<std::ptrdiff_t>(kTagBytes), sealed.end());
  auto ctx = new_cipher();
  int length = 0;
  int final_length = 0;
  const bool ok =
      EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, master_.data(), sealed.data()) == 1 &&
      EVP_DecryptUpdate(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char*>(station_id.data()),
                        static_cast<int>(station_id.size())) == 1 &&
      EVP_DecryptUpdate(ctx.get(), key.data(), &length, sealed.data() + kIvBytes, static_cast<int>(size)) == 1 &&
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, static_cast<int>(kTagBytes), tag.data()) == 1 &&
      EVP_DecryptFinal_ex(ctx.get(), key.data() + length, &final_length) == 1;
  if (!ok) return std::nullopt;
  return key;
}

}  // namespace loaxa::hub
