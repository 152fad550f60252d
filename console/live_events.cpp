#include "console/live_events.hpp"

#include "common/i18n.hpp"
#include "console/emergency_banner.hpp"
#include "console/log_table.hpp"
#include "console/now_facts.hpp"
#include "console/now_view.hpp"
#include "station/log.hpp"
#include "store/play_store.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

namespace loaxa::console {
namespace {

// What a change of the row shows in: its status and, later, its heard share.
std::string signature(const store::Play& play) {
  std::string out = store::to_string(play.status);
  if (play.heard) out += "/" + std::to_string(play.heard->pct);
  return out;
}

bool settled(const store::Play& play) {
  return play.status != store::PlayStatus::playing && play.heard.has_value();
}

// The tick has no reader: its HTML goes out in both languages, and each page takes its own.
template <typename Render>
nlohmann::json in_both_languages(const Render& render) {
  nlohmann::json out;
  for (const auto& [language, key] : {std::pair{Language::vi, "vi"}, std::pair{Language::en, "en"}}) {
    const LanguageScope scope(language);
    out[key] = render();
  }
  return out;
}

}  // namespace

LiveEvents::LiveEvents(station::Station& station, control::Handler& daemon, Publish publish)
    : station_(station), daemon_(daemon), publish_(std::move(publish)) {}

void LiveEvents::tick() {
  try {
    publish_now();
  } catch (const std::exception&) {
    ++failed_ticks_;
  }
  try {
    if (!last_id_) {
      start_watching();
    } else {
      publish_plays();
    }
  } catch (const std::exception&) {
    ++failed_ticks_;
  }
}

void LiveEvents::publish_now() {
  ++ticks_since_now_;
  const DaemonView daemon = ask_status(daemon_);
  std::string key = daemon.status ? "up" : "down:" + daemon.problem;
  const control::NowAiring* airing = daemon.status && daemon.status->now_airing ? &*daemon.status->now_airing : nullptr;
  if (airing) {
    key +=
        "|" + airing->programme + "|" + airing->item + "|" + airing->level + "|" + control::format_utc(airing->since);
  }
  if (key == now_key_ && !(airing && ticks_since_now_ >= kNowEvery)) return;
  const auto length = airing ? airing_length_ms(station_) : std::nullopt;
  const control::DaemonStatus quiet;
  const auto& status = daemon.status ? *daemon.status : quiet;
  const nlohmann::json event = {{"airing", airing != nullptr},
                                {"html", in_both_languages([&] { return now_airing_html(daemon, length); })},
                                {"banner", in_both_languages([&] { return emergency_banner(status); })}};
  publish_(std::string("now"), event.dump());
  now_key_ = std::move(key);
  ticks_since_now_ = 0;
}

// Where the log stands: the highest id among the open rows and the latest final one, then any
// rows after it (ids are given in order and the log is never thinned); the open rows watched.
void LiveEvents::start_watching() {
  store::PlayStore plays(station_.db());
  std::int64_t highest = 0;
  if (const auto seq = plays.latest_seq(); seq > 0) {
    for (const auto& play : plays.final_after(seq - 1, 1)) highest = std::max(highest, play.id);
  }
  store::PlayFilter open;
  open.status = store::PlayStatus::playing;
  for (const auto& play : station::list_plays(station_, open)) {
    highest = std::max(highest, play.id);
    watched_[play.id] = {signature(play), kHeardWatch};
  }
  while (const auto next = plays.find(highest + 1)) {
    highest = next->id;
    if (!settled(*next)) watched_[next->id] = {signature(*next), kHeardWatch};
  }
  last_id_ = highest;
}

void LiveEvents::publish_plays() {
  store::PlayStore plays(station_.db());
  for (auto it = watched_.begin(); it != watched_.end();) {
    const auto play = plays.find(it->first);
    if (!play) {
      it = watched_.erase(it);
      continue;
    }
    if (const auto now = signature(*play); now != it->second.signature) {
      publish_row(*play);
      it->second.signature = now;
    }
    const bool open = play->status == store::PlayStatus::playing;
    if (settled(*play) || (!open && --it->second.ticks_left <= 0)) {
      it = watched_.erase(it);
    } else {
      ++it;
    }
  }
  while (const auto next = plays.find(*last_id_ + 1)) {
    last_id_ = next->id;
    publish_row(*next);
    if (!settled(*next)) watched_[next->id] = {signature(*next), kHeardWatch};
  }
}

void LiveEvents::publish_row(const store::Play& play) {
  const auto& zone = station_.zone();
  const nlohmann::json event = {{"id", play.id},
                                {"day", play_day(play, zone)},
                                {"category", play.item.category},
                                {"status", store::to_string(play.status)},
                                {"html", in_both_languages([&] { return log_row_html(play, zone); })}};
  publish_(std::string("play"), event.dump());
}

}  // namespace loaxa::console
