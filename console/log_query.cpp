#include "console/log_query.hpp"

#include "common/i18n.hpp"
#include "schedules/error.hpp"
#include "store/category_store.hpp"
#include "web/text.hpp"
#include "wording/display_text.hpp"
#include "wording/schedule_messages.hpp"

namespace loaxa::console {
namespace {

std::optional<std::string> field(const std::map<std::string, std::string>& form, const std::string& name) {
  const auto it = form.find(name);
  if (it == form.end() || it->second.find_first_not_of(' ') == std::string::npos) return std::nullopt;
  return it->second;
}

}  // namespace

std::variant<LogQuery, std::string> parse_log_query(std::string_view query, schedules::LocalDate today) {
  const auto form = web::parse_form(query);
  LogQuery out{today, today, std::nullopt, std::nullopt};
  // The field that is wrong, then what is wrong with it.
  try {
    if (const auto from = field(form, "from")) out.from = schedules::parse_date(*from);
  } catch (const schedules::ScheduleError& e) {
    return std::string(tr("From")) + ": " + wording::describe(e);
  }
  try {
    if (const auto to = field(form, "to")) out.to = schedules::parse_date(*to);
  } catch (const schedules::ScheduleError& e) {
    return std::string(tr("To")) + ": " + wording::describe(e);
  }
  if (std::chrono::sys_days{out.to} < std::chrono::sys_days{out.from}) {
    return trf("the end date {} comes before the start date {}.",
               wording::display_iso_date(schedules::format_date(out.to)),
               wording::display_iso_date(schedules::format_date(out.from)));
  }
  if (const auto category = field(form, "category")) {
    out.category = store::normalize_category_code(*category);
    if (!out.category) return trf("'{}' is not a category code (letters and digits, e.g. CDS).", *category);
  }
  if (const auto status = field(form, "status")) {
    out.status = store::play_status_from(*status);
    if (!out.status) {
      return trf("Unknown status '{}': use playing, completed, interrupted, failed, skipped or missed.", *status);
    }
  }
  return out;
}

store::PlayFilter play_filter(const LogQuery& query, const schedules::TimeZone& zone) {
  store::PlayFilter filter;
  filter.from = zone.to_utc(std::chrono::local_days{query.from});
  filter.to = zone.to_utc(std::chrono::local_days{query.to} + std::chrono::days(1));
  filter.status = query.status;
  return filter;
}

std::vector<store::Play> of_category(std::vector<store::Play> plays, const LogQuery& query) {
  if (!query.category) return plays;
  std::erase_if(plays, [&](const store::Play& p) { return p.item.category != *query.category; });
  return plays;
}

std::string query_string(const LogQuery& query) {
  std::string out = "from=" + schedules::format_date(query.from) + "&to=" + schedules::format_date(query.to);
  if (query.category) out += "&category=" + web::url_encode(*query.category);
  if (query.status) out += std::string("&status=") + store::to_string(*query.status);
  return out;
}

bool includes(const LogQuery& query, schedules::LocalDate today) {
  const std::chrono::sys_days day{today};
  return std::chrono::sys_days{query.from} <= day && day <= std::chrono::sys_days{query.to};
}

}  // namespace loaxa::console
