#include "cli/control_messages.hpp"

#include "common/i18n.hpp"

namespace loaxa::cli {

std::string client_failure_text(const control::ClientError& e, std::chrono::milliseconds timeout) {
  const auto path = e.path().string();
  switch (e.kind()) {
    case control::ClientError::Kind::not_running:
      return trf(
          "the station service loaxad is not running (nothing answers on {}). Start it: "
          "sudo systemctl start loaxad",
          path);
    case control::ClientError::Kind::not_permitted:
      return trf(
          "you may not talk to loaxad ({}): join the loaxa group (sudo adduser $USER loaxa), then log in "
          "again.",
          path);
    case control::ClientError::Kind::timeout:
      return trf("loaxad did not answer within {} s; it may be stuck. See: journalctl -u loaxad",
                 std::chrono::duration_cast<std::chrono::seconds>(timeout).count());
    case control::ClientError::Kind::protocol:
      break;
  }
  return trf("loaxad's answer could not be read ({}). Are loaxa and loaxad the same version?", e.what());
}

}  // namespace loaxa::cli
