#include "station/mandates.hpp"

#include "library/import_error.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "station/mandate_airings.hpp"
#include "station/timeline.hpp"
#include "store/category_store.hpp"
#include "store/programme_store.hpp"
#include "store/segment_store.hpp"
#include "store/slot_store.hpp"
#include "store/transaction.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace loaxa::station {
namespace {

using Kind = StationError::Kind;
using store::MandateState;

store::StoredMandate found(store::MandateStore& store, std::int64_t id) {
  auto mandate = store.find(id);
  if (!mandate) throw StationError(Kind::no_such_mandate, id);
  return *mandate;
}

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// Removes the mandate's slots that have not started by `now`; inside the caller's transaction.
void remove_future_slots(Station& station, std::int64_t id, schedules::UtcTime now) {
  store::MandateStore mandates(station.db());
  store::SlotStore slots(station.db());
  for (const auto slot_id : mandates.slots_of(id)) {
    const auto stored = slots.find(slot_id);
    if (stored && station.zone().to_utc(stored->slot.start) > now) slots.remove(slot_id);
  }
}

// The programme for the mandate's segment, under a name no other programme has.
std::int64_t add_own_programme(Station& station, const store::MandateOrder& order, std::int64_t segment_id,
                               schedules::UtcTime now) {
  store::ProgrammeStore programmes(station.db());
  const std::vector<schedules::ProgrammeItem> items{
      schedules::parse_programme_item("segment:" + std::to_string(segment_id))};
  const auto name = mandate_programme_name(order.title);
  for (const auto& candidate : {name, name + " #" + std::to_string(order.id),
                                name + " #" + std::to_string(order.id) + "-" + std::to_string(segment_id)}) {
    if (auto id = programmes.add(candidate, items, iso_utc(now))) return *id;
  }
  throw StationError(Kind::programme_exists, 0, name);
}

// The category the order names, created with its code as name when the station lacks it.
// nullopt when the text is not a category code at all.
std::optional<std::string> ensure_category(Station& station, const std::string& text) {
  const auto code = store::normalize_category_code(text);
  if (!code) return std::nullopt;
  store::WriteTransaction transaction(station.db());
  store::CategoryStore categories(station.db());
  if (!categories.find(*code)) categories.add({*code, *code});
  transaction.commit();
  return code;
}

schedules::MandatePlan plan_airings(Station& station, const store::MandateOrder& order, const store::Segment& segment,
                                    schedules::UtcTime now) {
  return schedules::plan_mandate(plan_input(station, order.terms, airing_length(segment), now), station.zone());
}

}  // namespace

std::string mandate_programme_name(const std::string& title) {
  return "Huyện: " + title;
}

RecordedOrder record_order(Station& station, const store::MandateOrder& order, schedules::UtcTime now) {
  schedules::check_terms(order.terms);
  store::MandateStore store(station.db());
  store::WriteTransaction transaction(station.db());
  RecordedOrder out;
  out.is_new = store.insert(order, now);
  if (!out.is_new) {
    const auto before = found(store, order.id);
    store.update_order(order);
    // The hub replaced audio the station could not import: fetch the new one.
    if (before.state == MandateState::refused && before.order.sha256 != order.sha256 && !order.cancelled) {
      store.set_state(order.id, MandateState::downloading, "", std::nullopt, now);
    }
  }
  if (order.cancelled) {
    const auto current = found(store, order.id);
    if (current.state != MandateState::cancelled) {
      remove_future_slots(station, order.id, now);
      store.set_state(order.id, MandateState::cancelled, "", current.planned, now);
    }
  }
  out.mandate = found(store, order.id);
  out.audio_needed = out.mandate.state == MandateState::downloading;
  transaction.commit();
  return out;
}

AcceptedMandate accept_mandate(Station& station, const store::MandateOrder& order,
                               const std::filesystem::path& audio_file, schedules::UtcTime now) {
  store::MandateStore store(station.db());
  if (!store.find(order.id)) record_order(station, order, now);
  auto current = found(store, order.id);
  AcceptedMandate out;
  if (current.state == MandateState::received) {
    out.mandate = current;
    out.slots = store.slots_of(order.id);
    return out;
  }
  if (current.state == MandateState::declined || current.state == MandateState::cancelled) {
    throw StationError(Kind::mandate_not_open, order.id, store::to_string(current.state));
  }

  const auto refuse = [&](const std::string& reason) {
    store.set_state(order.id, MandateState::refused, reason, std::nullopt, now);
    out.mandate = found(store, order.id);
    return out;
  };
  const auto category = ensure_category(station, order.category);
  if (!category) return refuse("the district's category '" + order.category + "' is not a category code");

  library::ImportRequest request;
  request.file = audio_file;
  request.category = *category;
  request.title = order.title;
  request.valid_from = order.terms.from;
  request.valid_until = order.terms.until;
  request.approve = true;
  library::ImportResult imported;
  try {
    imported = import_segment(station, request);
  } catch (const library::ImportError& e) {
    // A busy library is no fault of the audio: the caller tries again later.
    if (e.kind() == library::ImportFailure::Kind::busy) throw;
    return refuse(library::english_text(e.failure()));
  }

  store::WriteTransaction transaction(station.db());
  const auto segment_id = imported.segment.id;
  // The same audio imported before keeps its origin; the district approved it either way.
  if (!imported.segment.approved) store::SegmentStore(station.db()).approve(segment_id, iso_utc(now));
  if (!imported.already_present) store.set_segment_from_hub(segment_id);

  int planned = 0;
  if (order.terms.level == schedules::MandateLevel::emergency) {
    store.set_content(order.id, segment_id, std::nullopt);
    planned = schedules::date_of(station.zone().to_local(now)) <= order.terms.until ? 1 : 0;
  } else {
    const auto programme_id = add_own_programme(station, order, segment_id, now);
    store.set_content(order.id, segment_id, programme_id);
    out.plan = plan_airings(station, order, imported.segment, now);
    out.slots = write_airings(station, order, programme_id, out.plan.starts, now);
    planned = out.plan.planned();
  }
  store.set_state(order.id, MandateState::received, "", planned, now);
  out.mandate = found(store, order.id);
  transaction.commit();
  return out;
}

std::vector<store::StoredMandate> mandates_to_air_at_once(Station& station, schedules::UtcTime now) {
  const auto today = schedules::date_of(station.zone().to_local(now));
  std::vector<store::StoredMandate> out;
  for (auto& mandate : store::MandateStore(station.db()).list()) {
    if (mandate.order.terms.level == schedules::MandateLevel::emergency && mandate.state == MandateState::received &&
        !mandate.aired_at_once && mandate.segment_id && today <= mandate.order.terms.until) {
      out.push_back(std::move(mandate));
    }
  }
  return out;
}

void mark_aired_at_once(Station& station, std::int64_t id, schedules::UtcTime at) {
  if (!store::MandateStore(station.db()).set_aired_at_once(id, at)) throw StationError(Kind::no_such_mandate, id);
}

store::StoredMandate cancel_mandate(Station& station, std::int64_t id, schedules::UtcTime now) {
  store::MandateStore store(station.db());
  store::WriteTransaction transaction(station.db());
  const auto current = found(store, id);
  remove_future_slots(station, id, now);
  if (current.state != MandateState::cancelled) {
    store.set_state(id, MandateState::cancelled, current.reason, current.planned, now);
  }
  auto out = found(store, id);
  transaction.commit();
  return out;
}

store::StoredMandate decline_mandate(Station& station, std::int64_t id, const std::string& reason,
                                     schedules::UtcTime now) {
  store::MandateStore store(station.db());
  store::WriteTransaction transaction(station.db());
  const auto current = found(store, id);
  const auto why = trimmed(reason);
  if (why.empty()) throw StationError(Kind::mandate_reason_empty, id);
  if (current.state == MandateState::declined || current.state == MandateState::cancelled) {
    throw StationError(Kind::mandate_not_open, id, store::to_string(current.state));
  }
  remove_future_slots(station, id, now);
  store.set_state(id, MandateState::declined, why, current.planned, now);
  auto out = found(store, id);
  transaction.commit();
  return out;
}

SlotView move_mandate_airing(Station& station, std::int64_t slot_id, schedules::LocalDateTime to,
                             schedules::UtcTime now) {
  const auto& zone = station.zone();
  store::WriteTransaction transaction(station.db());
  store::MandateStore mandates(station.db());
  const auto slot = find_slot(station, slot_id);
  const auto mandate_id = mandates.mandate_of_slot(slot_id);
  if (!mandate_id) throw StationError(Kind::not_a_mandate_slot, slot_id);
  const auto mandate = found(mandates, *mandate_id);
  if (mandate.state != MandateState::received) {
    throw StationError(Kind::mandate_not_open, *mandate_id, store::to_string(mandate.state));
  }
  const auto& terms = mandate.order.terms;
  if (!slot.stored.slot.rrule.empty() || zone.to_utc(slot.stored.slot.start) <= now) {
    throw StationError(Kind::mandate_airing_past, slot_id, schedules::format_date_time(slot.stored.slot.start));
  }
  if (zone.to_utc(to) <= now) throw StationError(Kind::mandate_move_past, slot_id, schedules::format_date_time(to));
  std::int64_t length_ms = 0;
  if (mandate.segment_id) {
    if (auto segment = store::SegmentStore(station.db()).find(*mandate.segment_id)) {
      length_ms = segment->trim_end_ms - segment->trim_start_ms;
    }
  }
  if (!schedules::inside_a_window(terms, to, std::chrono::milliseconds(length_ms), zone)) {
    throw StationError(Kind::mandate_move_window, *mandate_id, schedules::format_date_time(to),
                       schedules::format_windows(schedules::windows_of(terms)));
  }
  const int period = schedules::mandate_period_index(terms, schedules::date_of(slot.stored.slot.start));
  if (period < 0 || schedules::mandate_period_index(terms, schedules::date_of(to)) != period) {
    std::string span;
    if (period >= 0) {
      const auto periods = schedules::mandate_periods(terms);
      span = schedules::format_date(periods[static_cast<std::size_t>(period)].first) + ".." +
             schedules::format_date(periods[static_cast<std::size_t>(period)].last);
    }
    throw StationError(Kind::mandate_move_period, *mandate_id, schedules::format_date_time(to), span);
  }
  std::vector<schedules::Holiday> holidays;
  for (const auto& holiday : store::HolidayStore(station.db()).list()) holidays.push_back(holiday.holiday);
  if (schedules::is_holiday(holidays, schedules::date_of(to))) {
    throw StationError(Kind::mandate_move_holiday, *mandate_id, schedules::format_date(schedules::date_of(to)));
  }

  SlotRequest request;
  request.programme = slot.programme_name;
  request.start = to;
  request.level = slot.stored.slot.level;
  const auto added = replace_slot(station, slot_id, request);
  const auto new_id = added.slots.front().slot.id;
  mandates.set_slot_mandate(new_id, *mandate_id);
  auto out = find_slot(station, new_id);
  transaction.commit();
  return out;
}

namespace {

MandateView view_of(Station& station, store::StoredMandate mandate,
                    const std::vector<schedules::Occurrence>& timeline) {
  store::MandateStore store(station.db());
  MandateView view;
  view.required = schedules::required_airings(mandate.order.terms);
  view.planned = mandate.planned.value_or(0);
  const auto [begin, end] = mandate_span(mandate.order.terms, station.zone());
  view.aired = store.aired(mandate.order.id, begin, end);
  const auto slots = store.slots_of(mandate.order.id);
  const std::set<std::int64_t> own(slots.begin(), slots.end());
  for (const auto& occurrence : timeline) {
    if (own.count(occurrence.slot_id) != 0) view.next.push_back(occurrence);
  }
  view.mandate = std::move(mandate);
  return view;
}

// The timeline from now to the end of the latest span among `mandates` that still has slots.
std::vector<schedules::Occurrence> timeline_for(Station& station, const std::vector<store::StoredMandate>& mandates,
                                                schedules::UtcTime now) {
  std::optional<schedules::UtcTime> last;
  for (const auto& mandate : mandates) {
    if (mandate.state != MandateState::received || !mandate.programme_id) continue;
    const auto end = mandate_span(mandate.order.terms, station.zone()).second;
    if (end > now) last = std::max(last.value_or(end), end);
  }
  if (!last) return {};
  return plan_window(station, now, *last);
}

}  // namespace

std::vector<MandateView> list_mandates(Station& station, schedules::UtcTime now) {
  store::ReadTransaction snapshot(station.db());
  auto mandates = store::MandateStore(station.db()).list();
  const auto timeline = timeline_for(station, mandates, now);
  std::vector<MandateView> out;
  for (auto& mandate : mandates) out.push_back(view_of(station, std::move(mandate), timeline));
  return out;
}

MandateView find_mandate(Station& station, std::int64_t id, schedules::UtcTime now) {
  store::ReadTransaction snapshot(station.db());
  store::MandateStore store(station.db());
  auto mandate = found(store, id);
  const auto timeline = timeline_for(station, {mandate}, now);
  return view_of(station, std::move(mandate), timeline);
}

std::vector<std::pair<std::int64_t, std::int64_t>> mandate_slots(Station& station) {
  return store::MandateStore(station.db()).mandate_slots();
}

}  // namespace loaxa::station
