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

std::string play_level_words(PlayLevel level) {
  switch (level) {
    case PlayLevel::normal:
      return tr("normal");
    case PlayLevel::priority:
      return tr("priority");
    case PlayLevel::emergency:
      break;
  }
  return tr("emergency");
}

std::string mandate_level_words(schedules::MandateLevel level) {
  switch (level) {
    case schedules::MandateLevel::normal:
      return play_level_words(PlayLevel::normal);
    case schedules::MandateLevel::priority:
      return play_level_words(PlayLevel::priority);
    case schedules::MandateLevel::emergency:
      break;
  }
  return play_level_words(PlayLevel::emergency);
}

std::string play_reason_words(const std::string& code) {
  if (code == play_reason::crash) return tr("the station stopped while it played (power cut or crash)");
  if (code == play_reason::device_lost) return tr("the sound card was lost");
  if (code == play_reason::preempted) return tr("cut for an emergency");
  if (code == play_reason::not_approved) return tr("not approved");
  if (code == play_reason::stopped) return tr("stopped (loaxa stop, or the service stopped)");
  if (code == play_reason::station_off) return tr("the station was off when it was due");
  if (code == "not_yet_valid") return tr("not valid yet");
  if (code == "expired") return tr("out of date");
  if (code == "rotation_short") return tr("too few bulletins to rotate");
  if (code == "unknown_segment") return tr("the segment no longer exists");
  if (code == "relay_unsupported") return tr("relays are not supported yet");  // rows of versions before relays
  if (code == "no_input") return tr("no input is named for the relay in loaxa.toml");
  if (code == "input_failed") return tr("the relay's input could not be opened");
  if (code == "input_lost") return tr("the relay's input was lost part-way");
  if (code == "silent_input") return tr("the relay's input was silent throughout");
  if (code == "file_missing") return tr("the audio file is missing");
  return code;
}

}  // namespace loaxa::store
