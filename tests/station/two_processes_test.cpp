// Two real processes work on one home at once, as the operator's CLI and the daemon will:
// imports (the same content too), removals, schedule edits and plans. Nothing may fail but
// with a clear "busy" after the timeout, and at the end every row has its file and every
// file its row.

#include "station_fixture.hpp"

#include "library/importer.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "station/programmes.hpp"
#include "station/slots.hpp"
#include "station/timeline.hpp"
#include "store/busy.hpp"
#include "store/segment_store.hpp"
#include "support/wav_writer.hpp"

#include <sys/wait.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <iostream>
#include <random>
#include <set>

using loaxa::test::StationFixture;
using loaxa::test::utc;
namespace schedules = loaxa::schedules;
namespace station = loaxa::station;
namespace fs = std::filesystem;

namespace {

constexpr int kFiles = 4;

// One worker's run: `operations` random use cases. Returns the process exit code: 0, or 1
// after printing what went wrong.
int work(const fs::path& home, const fs::path& audio, unsigned seed, int operations) {
  try {
    station::Station s(loaxa::Home{home, loaxa::HomeSource::option},
                       std::make_unique<loaxa::ManualClock>(utc("2027-01-03T21:00")));
    std::mt19937 random(seed);
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
    for (int i = 0; i < operations; ++i) {
      try {
        switch (pick(7)) {
          case 0:
          case 1: {
            loaxa::library::ImportRequest request;
            request.file = audio / ("content-" + std::to_string(pick(kFiles)) + ".wav");
            request.category = "CDS";
            request.approve = true;
            station::import_segment(s, request);
            break;
          }
          case 2: {
            const auto segments = station::list_segments(s, std::nullopt);
            if (!segments.empty()) station::remove_segment(s, segments[pick(static_cast<int>(segments.size()))].id);
            break;
          }
          case 3:
            station::add_programme(s, "P" + std::to_string(seed) + "-" + std::to_string(i), {"rotate:CDS:2"});
            break;
          case 4: {
            station::SlotRequest request;
            request.programme = "Tiếp sóng";
            request.times = {schedules::TimeOfDay{pick(24 * 60)}};
            station::add_slots(s, request);
            break;
          }
          case 5: {
            const auto slots = station::list_slots(s);
            if (!slots.empty()) station::remove_slot(s, slots[pick(static_cast<int>(slots.size()))].stored.slot.id);
            const auto day = schedules::LocalDate{std::chrono::year{2027}, std::chrono::month{2},
                                                  std::chrono::day{static_cast<unsigned>(1 + pick(28))}};
            station::add_holiday(s, {day, day, "Nghỉ"});
            break;
          }
          default:
            station::plan_window(s, utc("2027-01-04T00:00"), utc("2027-01-06T00:00"));
        }
      } catch (const station::StationError& e) {
        // The other process removed what this one named: an answer, not a failure.
        using K = station::StationError::Kind;
        if (e.kind != K::no_such_segment && e.kind != K::segment_in_use && e.kind != K::no_such_slot) throw;
      } catch (const loaxa::store::BusyError&) {
        // Allowed: the operator is told to try again.
      }
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "worker " << seed << ": " << e.what() << '\n';
    return 1;
  }
}

std::set<std::string> rows(station::Station& s) {
  std::set<std::string> out;
  for (const auto& segment : station::list_segments(s, std::nullopt)) out.insert(segment.file_name);
  return out;
}

std::set<std::string> files(const fs::path& folder) {
  std::set<std::string> out;
  for (const auto& entry : fs::directory_iterator(folder)) {
    const auto name = entry.path().filename().string();
    if (name.front() != '.') out.insert(name);  // the lock file, staging copies
  }
  return out;
}

}  // namespace

TEST_CASE("two processes share one home without errors or orphans", "[station][processes]") {
  StationFixture s;
  for (int i = 0; i < kFiles; ++i) {
    loaxa::test::write_tone_wav(s.dir / ("content-" + std::to_string(i) + ".wav"),
                                {.tone_s = 0.5, .frequency_hz = 200.0 + 50 * i});
  }
  station::add_programme(s.station, "Tiếp sóng", {"relay:linein:5m"});
  const fs::path home = s.station.home().root;

  for (int round = 0; round < 3; ++round) {
    std::vector<pid_t> children;
    for (unsigned worker = 0; worker < 2; ++worker) {
      const pid_t pid = ::fork();
      REQUIRE(pid >= 0);
      if (pid == 0) ::_exit(work(home, s.dir.path(), 100 * round + worker, 40));
      children.push_back(pid);
    }
    for (const pid_t pid : children) {
      int status = 0;
      REQUIRE(::waitpid(pid, &status, 0) == pid);
      INFO("round " << round);
      CHECK(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);
    }
    CHECK(rows(s.station) == files(s.station.home().segments()));
  }
}
