#include "station_fixture.hpp"

#include "schedules/civil_time.hpp"
#include "station/catalogue.hpp"
#include "support/wav_writer.hpp"

namespace loaxa::test {
namespace {

std::unique_ptr<ManualClock> make_clock(Instant now, ManualClock*& out) {
  auto clock = std::make_unique<ManualClock>(now);
  out = clock.get();
  return clock;
}

}  // namespace

Instant utc(const std::string& text) {
  return Instant{schedules::parse_date_time(text).time_since_epoch()};
}

StationFixture::StationFixture(Instant now)
    : clock(nullptr), station(Home{dir / "home", HomeSource::option}, make_clock(now, clock)) {}

std::int64_t StationFixture::add_segment(const std::string& category, double seconds, int tone) {
  const auto file = dir / ("tone-" + std::to_string(tone) + ".wav");
  write_tone_wav(file, {.tone_s = seconds, .frequency_hz = 150.0 + 37.0 * tone});
  library::ImportRequest request;
  request.file = file;
  request.category = category;
  request.approve = true;
  return station::import_segment(station, request).segment.id;
}

}  // namespace loaxa::test
