#include "wording/daemon_text.hpp"

#include "common/i18n.hpp"

namespace loaxa::wording {

std::string amplifier_text(control::AmplifierState state) {
  switch (state) {
    case control::AmplifierState::on:
      return tr("on");
    case control::AmplifierState::off:
      return tr("off");
    case control::AmplifierState::warming_up:
      return tr("warming up");
    case control::AmplifierState::unknown:
      break;
  }
  return tr("unknown");
}

}  // namespace loaxa::wording
