#include "wording/schedule_messages.hpp"

#include "common/i18n.hpp"
#include "wording/display_text.hpp"
#include "wording/schedule_text.hpp"

namespace loaxa::wording {

std::string describe(const schedules::ScheduleError& e) {
  using Kind = schedules::ScheduleError::Kind;
  switch (e.kind) {
    case Kind::bad_date:
      return trf("'{}' is not a date. Write dd/mm/yyyy or yyyy-mm-dd, e.g. 05/02/2027.", e.subject);
    case Kind::bad_time_of_day:
      return trf("'{}' is not a time of day. Write HH:MM from 00:00 to 23:59, e.g. 05:30.", e.subject);
    case Kind::bad_date_time:
      return trf("'{}' is not a date and time. Write YYYY-MM-DDTHH:MM, e.g. 2027-02-05T05:30.", e.subject);
    case Kind::bad_duration:
      return trf("'{}' is not a duration. Write e.g. 90s, 10m or 1h30m.", e.subject);
    case Kind::bad_weekdays:
      return trf("'{}' is not a list of weekdays. Write e.g. T2-T7, T2,T4,T6 or CN.", e.subject);
    case Kind::bad_item:
      return trf(
          "'{}' is not a programme item ({}). Write segment:ID, jingle:ID, rotate:CATEGORY:N or "
          "relay:SOURCE:DURATION.",
          e.subject, e.detail);
    case Kind::bad_rrule:
      return trf("the recurrence rule '{}' is not valid ({}). Example: FREQ=WEEKLY;BYDAY=MO,WE,FR", e.subject,
                 e.detail);
    case Kind::unknown_time_zone:
      return trf("unknown time zone '{}'", e.subject);
    case Kind::bad_range: {
      // subject: "FROM..UNTIL", ISO dates
      const auto dots = e.subject.find("..");
      if (dots == std::string::npos) return trf("the end date comes before the start date ({})", e.subject);
      return trf("the end date {} comes before the start date {}.", display_iso_date(e.subject.substr(dots + 2)),
                 display_iso_date(e.subject.substr(0, dots)));
    }
    case Kind::programme_too_long:
      return trf(
          "programme \"{}\" would last {}, longer than the {} a session may last (max_session_minutes in "
          "loaxa.toml). Remove items or shorten the relay.",
          e.subject, display_duration(e.value), display_duration(e.limit));
    case Kind::empty_programme:
      return trf("programme \"{}\" has no items. Give at least one --item.", e.subject);
    case Kind::never_airs:
      if (e.subject.rfind("FREQ=", 0) != 0) {  // a one-off: the subject is its start
        return trf("This slot would never air: it airs once, at {}, which is past or outside --from/--until.",
                   e.subject);
      }
      return trf(
          "This slot would never air: the rule '{}' gives no time from today on (within --from/--until). "
          "Check the rule and the dates.",
          e.subject);
    case Kind::nonexistent_start:
      return trf("{} does not exist in the time zone {} (the clocks jump over it). Choose another start.", e.subject,
                 e.detail);
    default:
      break;
  }
  return e.what();
}

std::string describe(const schedules::ProgrammeWarning& w) {
  using Kind = schedules::ProgrammeWarning::Kind;
  const auto position = w.item_index + 1;
  switch (w.kind) {
    case Kind::empty_programme:
      return tr("the programme has no items");
    case Kind::unknown_segment:
      return trf("item {}: there is no segment {}", position, w.subject);
    case Kind::not_approved:
      return trf(
          "item {}: segment {} is not approved; it will be skipped until someone approves it "
          "(loaxa segment approve {})",
          position, w.subject, w.subject);
    case Kind::not_yet_valid:
      return trf("item {}: segment {} is not valid yet; it will be skipped until its first day", position, w.subject);
    case Kind::expired:
      return trf("item {}: segment {} has expired; it will be skipped", position, w.subject);
    case Kind::rotation_short:
      return trf("item {}: category {} has only {} approved, valid segments of the {} wanted", position, w.subject,
                 w.value, w.wanted);
  }
  return {};
}

std::string describe(const station::SlotNotice& notice) {
  using Kind = schedules::SlotWarning::Kind;
  switch (notice.warning.kind) {
    case Kind::nonexistent_time:
      return trf("slot {}: on days the clocks go forward this time does not exist; it airs that much later.",
                 notice.slot_id);
    case Kind::ambiguous_time:
      return trf("slot {}: on days the clocks go back this time comes twice; it airs the first time.", notice.slot_id);
    case Kind::first_airing_far:
      return trf("slot {} first airs on {}, more than a year from now. Check the rule and the dates.", notice.slot_id,
                 notice.first_airing ? local_text(*notice.first_airing) : "?");
    default:
      break;
  }
  return schedules::to_string(notice.warning.kind);
}

std::string describe(schedules::SkipReason reason) {
  switch (reason) {
    case schedules::SkipReason::unknown_segment:
      return tr("segment missing");
    case schedules::SkipReason::not_approved:
      return tr("not approved");
    case schedules::SkipReason::not_yet_valid:
      return tr("not valid yet");
    case schedules::SkipReason::expired:
      return tr("expired");
    case schedules::SkipReason::rotation_short:
      return tr("too few segments to rotate");
  }
  return {};
}

std::string describe(schedules::DropReason reason) {
  switch (reason) {
    case schedules::DropReason::shift_limit:
      return tr("would wait longer than max_wait_minutes");
    case schedules::DropReason::holiday:
      return tr("holiday");
    case schedules::DropReason::missing_programme:
      return tr("programme missing");
  }
  return {};
}

std::string level_text(schedules::SlotLevel level) {
  return level == schedules::SlotLevel::priority ? tr("priority") : tr("normal");
}

std::string status_text(schedules::OccurrenceStatus status) {
  switch (status) {
    case schedules::OccurrenceStatus::planned:
      return tr("planned");
    case schedules::OccurrenceStatus::shifted:
      return tr("shifted");
    case schedules::OccurrenceStatus::dropped:
      return tr("dropped");
  }
  return {};
}

std::string item_kind_text(schedules::ItemKind kind) {
  switch (kind) {
    case schedules::ItemKind::segment:
      return tr("segment");
    case schedules::ItemKind::jingle:
      return tr("jingle");
    case schedules::ItemKind::rotate:
      return tr("rotation");
    case schedules::ItemKind::relay:
      return tr("relay");
  }
  return {};
}

}  // namespace loaxa::wording
