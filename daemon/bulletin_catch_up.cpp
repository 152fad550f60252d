#include "daemon/bulletin_catch_up.hpp"

#include "common/i18n.hpp"
#include "station/mandate_catch_up.hpp"
#include "store/busy.hpp"

namespace loaxa::daemon {
namespace {

std::string times_text(const std::vector<schedules::LocalDateTime>& starts) {
  std::string out;
  for (const auto start : starts) {
    if (!out.empty()) out += ", ";
    out += schedules::format_date_time(start);
  }
  return out;
}

}  // namespace

BulletinCatchUp::BulletinCatchUp(station::Station& station, Log& log, std::function<void()> schedule_changed,
                                 std::chrono::minutes every)
    : station_(station), log_(log), schedule_changed_(std::move(schedule_changed)), every_(every) {}

void BulletinCatchUp::on_time(Instant now) {
  if (next_ && now < *next_ && *next_ - now <= every_) return;
  std::vector<station::MandateCatchUp> caught;
  try {
    caught = station::catch_up_mandates(station_, now);
  } catch (const store::BusyError&) {
    throw;  // not done: the loop tries again in a second
  } catch (const std::exception& e) {
    // Anything else (a slot's rule the timeline cannot read) waits for the next look, so the
    // scheduler's ticks go on; the log says it once a minute at most.
    next_ = now + every_;
    log_.error("mandate", trf("the district mandates' airings cannot be checked: {}", e.what()));
    return;
  }
  next_ = now + every_;
  bool added = false;
  for (const auto& c : caught) {
    if (!c.added.empty()) {
      added = true;
      log_.write("mandate", trf("district mandate {} '{}': {} airing(s) did not air; planned again at {}", c.mandate_id,
                                c.title, c.added.size(), times_text(c.added)));
    }
    if (c.planned_after != c.planned_before) {
      log_.warn("mandate", trf("district mandate {} '{}': {} of {} airings can be aired now (was {}); the hub is told",
                               c.mandate_id, c.title, c.planned_after, c.required, c.planned_before));
    }
  }
  if (added && schedule_changed_) schedule_changed_();
}

}  // namespace loaxa::daemon
