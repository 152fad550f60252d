#include "sync/mandate_fetcher.hpp"

#include "common/i18n.hpp"
#include "common/sha256.hpp"
#include "station/mandates.hpp"
#include "store/mandate_store.hpp"
#include "wire/mandate_json.hpp"
#include "wire/signing.hpp"

#include <fmt/format.h>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <thread>

namespace loaxa::sync {
namespace {

namespace asio = boost::asio;
namespace fs = std::filesystem;

// The station's clock, borrowed by the import's own Station on its thread.
class BorrowedClock final : public Clock {
 public:
  explicit BorrowedClock(const Clock& clock) noexcept : clock_(clock) {}
  Instant now() const override { return clock_.now(); }
  PreciseInstant precise_now() const override { return clock_.precise_now(); }

 private:
  const Clock& clock_;
};

wire::MandateState wire_state(store::MandateState state) {
  switch (state) {
    case store::MandateState::declined:
      return wire::MandateState::declined;
    case store::MandateState::refused:
      return wire::MandateState::refused;
    default:
      return wire::MandateState::received;
  }
}

std::string header_of(const HubResponse& response, std::string_view name) {
  for (const auto& [key, value] : response.headers) {
    if (key.size() == name.size() && std::equal(key.begin(), key.end(), name.begin(),
                                                [](char a, char b) { return std::tolower(a) == std::tolower(b); })) {
      return value;
    }
  }
  return {};
}

// "vneid.mp3" → ".mp3": the importer is given the file under the district's extension.
std::string extension_of(const std::string& file_name) {
  const std::string ext = fs::path(file_name).extension().string();
  if (ext.size() > 8 || ext.find_first_of("/\\") != std::string::npos) return {};
  return ext;
}

std::string sha256_of_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + file.string());
  Sha256 sha;
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    sha.update(buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  return sha.finish();
}

}  // namespace

struct MandateFetcher::State : std::enable_shared_from_this<MandateFetcher::State> {
  asio::io_context& io;
  station::Station& station;
  std::string station_id;
  std::vector<std::uint8_t> key;
  MandateHooks hooks;
  std::function<void(bool, const std::string&)> note;
  std::chrono::milliseconds interval;

  std::chrono::steady_clock::time_point poll_at{};
  std::map<std::int64_t, store::MandateOrder> downloads;  // orders whose audio is still needed
  bool importing = false;
  std::thread importer;
  std::function<void()> wake;
  std::chrono::steady_clock::time_point import_retry_at{};
  std::string import_error;  // the last import failure, said once

  State(asio::io_context& i, station::Station& s, std::string id, std::vector<std::uint8_t> k, MandateHooks h,
        std::function<void(bool, const std::string&)> n, std::chrono::milliseconds every)
      : io(i),
        station(s),
        station_id(std::move(id)),
        key(std::move(k)),
        hooks(std::move(h)),
        note(std::move(n)),
        interval(every) {}

  fs::path incoming() const { return station.home().root / "incoming"; }
  fs::path part_of(const store::MandateOrder& order) const { return incoming() / (order.sha256 + ".part"); }
  // A download whose SHA-256 matched, named as the district named its file's kind.
  fs::path whole_of(const store::MandateOrder& order) const {
    return incoming() / (order.sha256 + extension_of(order.file_name));
  }

  Job poll_job() {
    store::MandateStore mandates(station.db());
    wire::MandatePoll poll;
    poll.station_id = station_id;
    const auto reports = mandates.unreported();
    for (const auto& report : reports) {
      poll.reports.push_back(
          {report.mandate_id, wire_state(report.state), report.at, report.reason, report.planned.value_or(0)});
    }
    const auto heard = mandates.unreported_heard();
    std::vector<std::int64_t> heard_seqs;
    for (const auto& row : heard) {
      poll.heard.push_back({row.seq, row.pct});
      heard_seqs.push_back(row.seq);
    }
    return Job{"/api/v1/mandates", wire::poll_to_json(poll),
               [this, reports, heard_seqs](const HubResponse& response, const std::string& nonce) {
                 on_orders(response, nonce, reports, heard_seqs);
               }};
  }

  void on_orders(const HubResponse& response, const std::string& nonce,
                 const std::vector<store::MandateReport>& reports, const std::vector<std::int64_t>& heard_seqs) {
    if (response.status != 200) {
      throw std::runtime_error(fmt::format("the hub answered the mandates poll with {}", response.status));
    }
    // The list orders the station to air: only the hub, holding this station's key, can make it.
    if (!wire::response_signature_matches(key, nonce, response.body,
                                          header_of(response, "X-Loaxa-Response-Signature"))) {
      throw std::runtime_error("the hub's list of mandates is not signed with this station's key: ignored");
    }
    std::vector<store::MandateOrder> orders;
    try {
      orders = wire::orders_from_json(response.body);
    } catch (const wire::BodyError& e) {
      throw std::runtime_error(std::string("the hub's list of mandates cannot be read: ") + e.what());
    }
    poll_at = std::chrono::steady_clock::now() + interval;
    store::MandateStore mandates(station.db());
    for (const auto& report : reports) mandates.mark_reported(report.mandate_id, report.at);
    mandates.mark_heard_reported(heard_seqs);

    bool changed = false;
    const auto now = station.clock().now();
    for (const auto& order : orders) {
      const auto before = mandates.find(order.id);
      const auto recorded = station::record_order(station, order, now);
      if (recorded.is_new && !order.cancelled) {
        note(false, trf("the district sent mandate {} '{}' ({}, {}–{}, {} a week)", order.id, order.title,
                        order.category, schedules::format_date(order.terms.from),
                        schedules::format_date(order.terms.until), order.terms.times_per_week));
      }
      if (recorded.mandate.state == store::MandateState::cancelled && before &&
          before->state != store::MandateState::cancelled) {
        note(false,
             trf("the district cancelled mandate {} '{}': its airings to come are removed", order.id, order.title));
        changed = true;
      }
      if (recorded.audio_needed) {
        downloads[order.id] = order;
      } else if (downloads.erase(order.id) > 0) {
        // No longer wanted (cancelled on the way): what was fetched of it goes.
        std::error_code ec;
        fs::remove(part_of(order), ec);
        fs::remove(whole_of(order), ec);
      }
    }
    if (changed && hooks.schedule_changed) hooks.schedule_changed();
    air_at_once();
  }

  std::optional<Job> download_job() {
    while (!downloads.empty()) {
      const store::MandateOrder order = downloads.begin()->second;
      if (fs::exists(whole_of(order))) {
        // An import that failed (a busy library, a full disk) is tried again a minute later.
        if (std::chrono::steady_clock::now() >= import_retry_at) import_aside(order);
        return std::nullopt;
      }
      std::error_code ec;
      const auto have = fs::exists(part_of(order)) ? static_cast<std::int64_t>(fs::file_size(part_of(order), ec)) : 0;
      if (have >= order.size) {
        check_whole(order);  // throws when it does not match (the part is gone: fetched again)
        continue;
      }
      return Job{
          "/api/v1/mandate-audio", wire::audio_request_to_json({station_id, order.sha256, have}),
          [this, order, have](const HubResponse& response, const std::string&) { on_piece(order, have, response); }};
    }
    return std::nullopt;
  }

  void on_piece(const store::MandateOrder& order, std::int64_t offset, const HubResponse& response) {
    if (response.status == 404) {
      // The hub no longer offers it to this station (withdrawn): the next poll says what it is now.
      downloads.erase(order.id);
      throw std::runtime_error(fmt::format("the hub no longer offers the audio of district mandate {}", order.id));
    }
    if (response.status != 200) {
      throw std::runtime_error(fmt::format("the hub answered {} for the audio of district mandate {} (from byte {})",
                                           response.status, order.id, offset));
    }
    const auto end = offset + static_cast<std::int64_t>(response.body.size());
    if (response.body.empty() || end > order.size) {
      throw std::runtime_error(fmt::format("the hub sent {} bytes of district mandate {}'s audio from byte {}, of {}",
                                           response.body.size(), order.id, offset, order.size));
    }
    fs::create_directories(incoming());
    {
      std::ofstream out(part_of(order), std::ios::binary | std::ios::app);
      out.write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
      out.flush();
      if (!out) throw std::runtime_error("cannot write " + part_of(order).string());
    }
    if (end == order.size) {
      check_whole(order);
      import_aside(order);
    }
  }

  // The whole file against the SHA-256 of the signed order: a download altered on the way (or
  // a part file damaged on disk) is deleted and fetched again from the start.
  void check_whole(const store::MandateOrder& order) {
    const std::string got = sha256_of_file(part_of(order));
    if (got != order.sha256) {
      std::error_code ec;
      fs::remove(part_of(order), ec);
      throw AudioRefused(
          trf("the audio of district mandate {} does not match its SHA-256 (got {}…): refused; it is "
              "fetched again",
              order.id, got.substr(0, 12)));
    }
    fs::rename(part_of(order), whole_of(order));
  }

  void import_aside(const store::MandateOrder& order) {
    if (importing) return;
    importing = true;
    downloads.erase(order.id);
    if (importer.joinable()) importer.join();
    const Home home = station.home();
    const Clock& clock = station.clock();
    importer = std::thread([weak = weak_from_this(), &io = io, home, &clock, order, file = whole_of(order)] {
      std::string error;
      std::optional<station::AcceptedMandate> accepted;
      try {
        station::Station aside(home, std::make_unique<BorrowedClock>(clock));
        accepted = station::accept_mandate(aside, order, file, clock.now());
      } catch (const std::exception& e) {
        error = e.what();
      }
      if (accepted) {
        std::error_code ec;
        fs::remove(file, ec);
      }
      asio::post(io, [weak, order, error, accepted] {
        if (const auto self = weak.lock()) self->imported(order, error, accepted);
      });
    });
  }

  void imported(const store::MandateOrder& order, const std::string& error,
                const std::optional<station::AcceptedMandate>& accepted) {
    importing = false;
    if (accepted) import_error.clear();
    if (!accepted) {
      // The verified file stays: the import is tried again in a minute.
      downloads[order.id] = order;
      import_retry_at = std::chrono::steady_clock::now() + std::chrono::minutes(1);
      if (error != import_error) note(true, trf("district mandate {} cannot be imported yet: {}", order.id, error));
      import_error = error;
    } else if (accepted->mandate.state == store::MandateState::refused) {
      note(true, trf("district mandate {} '{}' was refused: {}", order.id, order.title, accepted->mandate.reason));
    } else {
      note(false, trf("district mandate {} '{}' imported: {} of {} airings planned", order.id, order.title,
                      accepted->mandate.planned.value_or(0), schedules::required_airings(order.terms)));
      if (!accepted->slots.empty() && hooks.schedule_changed) hooks.schedule_changed();
      air_at_once();
    }
    poll_at = std::chrono::steady_clock::now();  // tell the hub at once
    if (wake) wake();
  }

  void air_at_once() {
    if (!hooks.air_at_once) return;
    for (const auto& mandate : station::mandates_to_air_at_once(station, station.clock().now())) {
      if (!mandate.segment_id) continue;
      const std::string why = hooks.air_at_once(mandate.order.id, *mandate.segment_id);
      if (why.empty()) {
        station::mark_aired_at_once(station, mandate.order.id, station.clock().now());
        note(false, trf("emergency district mandate {} '{}' is on air", mandate.order.id, mandate.order.title));
      } else {
        note(true, trf("emergency district mandate {} cannot air now: {}", mandate.order.id, why));
      }
    }
  }
};

MandateFetcher::MandateFetcher(asio::io_context& io, station::Station& station, std::string station_id,
                               std::vector<std::uint8_t> key, MandateHooks hooks,
                               std::function<void(bool, const std::string&)> note, std::chrono::milliseconds interval)
    : state_(std::make_shared<State>(io, station, std::move(station_id), std::move(key), std::move(hooks),
                                     std::move(note), interval)) {}

MandateFetcher::~MandateFetcher() {
  if (state_->importer.joinable()) state_->importer.join();
}

std::optional<MandateFetcher::Job> MandateFetcher::next(std::chrono::steady_clock::time_point now) {
  State& s = *state_;
  if (now >= s.poll_at) return s.poll_job();
  if (s.importing) return std::nullopt;
  return s.download_job();
}

std::chrono::steady_clock::time_point MandateFetcher::next_poll() const {
  return state_->poll_at;
}

void MandateFetcher::on_progress(std::function<void()> wake) {
  state_->wake = std::move(wake);
}

}  // namespace loaxa::sync
