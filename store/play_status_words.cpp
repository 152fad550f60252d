#include "store/play_status_words.hpp"

#include "common/i18n.hpp"

namespace loaxa::store {

std::string play_status_words(PlayStatus status) {
  switch (status) {
    case PlayStatus::playing:
      return tr("playing");
    case PlayStatus::completed:
      return tr("aired (completed)");
    case PlayStatus::interrupted:
      return tr("interrupted");
    case PlayStatus::failed:
      return tr("failed");
    case PlayStatus::skipped:
      return tr("skipped");
    case PlayStatus::missed:
      break;
  }
  return tr("missed");
}

}  // namespace loaxa::store
