#include "hub/mandate_sheet.hpp"

#include "common/i18n.hpp"
#include "hub/report.hpp"
#include "store/play_status_words.hpp"

namespace loaxa::hub {

std::string mandate_state_text(const Mandate& mandate, schedules::LocalDate today, const schedules::TimeZone& zone) {
  if (mandate.cancelled_at) return trf("cancelled {}", display_time(*mandate.cancelled_at, zone));
  if (today > mandate.order.terms.until) return tr("ended");
  if (today < mandate.order.terms.from) return tr("not started");
  return tr("running");
}

std::string station_answer_text(const MandateStationView& line) {
  if (!line.state) return tr("not received yet");
  switch (*line.state) {
    case wire::MandateState::declined:
      return trf("declined: {}", line.reason);
    case wire::MandateState::refused:
      return trf("could not import it: {}", line.reason);
    case wire::MandateState::received:
      break;
  }
  return tr("received");
}

Sheet mandates_sheet(const std::vector<Mandate>& mandates, schedules::LocalDate today,
                     const schedules::TimeZone& zone) {
  Sheet sheet;
  sheet.title = tr("District bulletins (mandates)");
  sheet.sheet_name = "mandates";
  sheet.headings = {tr("mandate"),  tr("title"), tr("category"), tr("from"), tr("until"),
                    tr("per week"), tr("level"), tr("stations"), tr("state")};
  for (const auto& m : mandates) {
    const auto& o = m.order;
    sheet.rows.push_back(
        {Cell::of_integer(o.id), Cell::of_text(o.title), Cell::of_text(o.category),
         Cell::of_text(schedules::format_date(o.terms.from)), Cell::of_text(schedules::format_date(o.terms.until)),
         Cell::of_integer(o.terms.times_per_week), Cell::of_text(store::mandate_level_words(o.terms.level)),
         Cell::of_integer(static_cast<std::int64_t>(m.stations.size())),
         Cell::of_text(mandate_state_text(m, today, zone))});
  }
  return sheet;
}

Sheet mandate_stations_sheet(const MandateView& view, const schedules::TimeZone& zone) {
  Sheet sheet;
  sheet.title = trf("Mandate {}: {}", view.mandate.order.id, view.mandate.order.title);
  sheet.sheet_name = "mandate";
  sheet.headings = {tr("station"), tr("received"),        tr("required"),        tr("aired"),
                    tr("heard %"), tr("planned airings"), tr("station's answer")};
  for (const auto& line : view.stations) {
    sheet.rows.push_back({Cell::of_text(line.station_id),
                          line.received_at ? Cell::of_time(*line.received_at, zone) : Cell::of_text(tr("not yet")),
                          Cell::of_integer(line.required), Cell::of_integer(line.aired),
                          line.heard_pct ? Cell::of_decimal(*line.heard_pct, 1) : Cell{},
                          line.planned ? Cell::of_integer(*line.planned) : Cell{},
                          Cell::of_text(station_answer_text(line))});
  }
  sheet.notes = {
      tr("aired: the station's completed plays of the bulletin that started within its days; heard %: "
         "their mean as the station's monitor measured it.")};
  return sheet;
}

}  // namespace loaxa::hub
