#include "scheduler_helpers.hpp"

#include "schedules/civil_time.hpp"
#include "station/catalogue.hpp"
#include "station/slots.hpp"

#include <algorithm>

namespace loaxa::test {

void add_slot(StationFixture& s, const std::string& programme, const std::string& times,
              std::optional<std::string> weekdays) {
  station::SlotRequest request;
  request.programme = programme;
  for (std::size_t from = 0; from < times.size();) {
    auto comma = times.find(',', from);
    if (comma == std::string::npos) comma = times.size();
    request.times.push_back(schedules::parse_time_of_day(times.substr(from, comma - from)));
    from = comma + 1;
  }
  request.weekdays = std::move(weekdays);
  station::add_slots(s.station, request);
}

std::int64_t add_segment_with(StationFixture& s, const ToneSpec& tone, const std::string& name, bool approve) {
  const auto file = s.dir / (name + ".wav");
  write_tone_wav(file, tone);
  library::ImportRequest request;
  request.file = file;
  request.category = "CDS";
  request.title = name;
  request.approve = approve;
  return station::import_segment(s.station, request).segment.id;
}

std::vector<store::Play> plays(StationFixture& s) {
  store::PlayStore store(s.station.db());
  auto all = store.list();
  std::sort(all.begin(), all.end(), [](const store::Play& a, const store::Play& b) { return a.id < b.id; });
  return all;
}

std::string seg(std::int64_t id) {
  return "segment:" + std::to_string(id);
}

}  // namespace loaxa::test
