#pragma once
// The JSON of protocol v1's district bulletins (docs/MANDATES.md): the station's poll
// (POST /api/v1/mandates: what it did with each mandate, the heard % of mandate plays), the
// hub's answer (the mandates addressed to the station), and a request for a piece of a
// mandate's audio (POST /api/v1/mandate-audio). Strict as the play's JSON: unknown or missing
// fields, wrong types, values out of range are refused with what was wrong (BodyError).
// Pure; any thread. nlohmann::json stays out of this header.

#include "schedules/civil_time.hpp"
#include "schedules/mandate_terms.hpp"
#include "store/mandate_order.hpp"
#include "wire/play_json.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace loaxa::wire {

using MandateOrder = store::MandateOrder;

// What the station did with a mandate.
enum class MandateState { received, declined, refused };
const char* to_string(MandateState state) noexcept;

struct MandateReport {
  std::int64_t mandate_id = 0;
  MandateState state = MandateState::received;
  schedules::UtcTime at{};
  std::string reason;  // declined, refused: why; else empty
  int planned = 0;     // received: airings the station could plan
};

struct HeardReport {
  std::int64_t seq = 0;
  double pct = 0;  // 0..100
};

struct MandatePoll {
  std::string station_id;
  std::vector<MandateReport> reports;
  std::vector<HeardReport> heard;
};

struct AudioRequest {
  std::string station_id;
  std::string sha256;
  std::int64_t offset = 0;
};

inline constexpr std::size_t kMaxMandateReports = 1000;
inline constexpr std::size_t kMaxHeardReports = 5000;
// The most bytes of audio one answer carries.
inline constexpr std::size_t kAudioPieceBytes = 1024 * 1024;

std::string poll_to_json(const MandatePoll& poll);
MandatePoll poll_from_json(std::string_view body);  // throws BodyError

// {"mandates":[…]}
std::string orders_to_json(const std::vector<MandateOrder>& orders);
std::vector<MandateOrder> orders_from_json(std::string_view body);  // throws BodyError

std::string audio_request_to_json(const AudioRequest& request);
AudioRequest audio_request_from_json(std::string_view body);  // throws BodyError

}  // namespace loaxa::wire
