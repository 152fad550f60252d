#pragma once
// The daemon's control protocol: one JSON object per line each way, pure (no sockets).
//
//   → {"command":"status"}                {"command":"play","segment":7}
//   → {"command":"stop"}                  {"command":"reload"}        (each may carry an "id")
//   → {"command":"emergency","segment":7,"repeat":2}   {"command":"priority","segment":7}
//   ← {"ok":true,...}                     {"ok":false,"error":{"kind":"...","detail":"..."}}
//
// Parsing never throws: every line, however bad, gets a typed error that the daemon can
// answer with and live on (docs/CONTROL.md). Nothing here is thread-bound.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace loaxa::control {

// The longest request or response line, newline excluded.
inline constexpr std::size_t kMaxLineBytes = 64 * 1024;

enum class ErrorKind {
  too_long,         // the line is longer than kMaxLineBytes
  malformed,        // not JSON
  not_an_object,    // JSON, but not an object
  unknown_command,  // "command" names no command
  missing_field,    // a required field is absent
  wrong_type,       // a field has the wrong JSON type
  bad_value,        // a field's value is out of range
  not_found,        // the daemon has no such thing (e.g. segment)
  refused,          // the daemon will not do it now (e.g. not approved, emergency airing)
  failed,           // the daemon tried and failed
};
const char* to_string(ErrorKind kind) noexcept;
std::optional<ErrorKind> error_kind_from_string(std::string_view text) noexcept;

struct Error {
  ErrorKind kind = ErrorKind::failed;
  std::string detail;  // for logs and the operator's tools; English, names and figures included
  // A refusal's stable code and the thing it names, so a front end words it in its reader's
  // language (docs/CONTROL.md lists them); empty when there is none.
  std::string reason{};   // e.g. "not_approved", "on_air", "next_programme", "nothing_on_air"
  std::string subject{};  // e.g. the segment's title or the programme's name
};

enum class Command { status, play, stop, reload, emergency, priority };
const char* to_string(Command command) noexcept;

// A client's "id" is echoed in the response: an integer or a string.
using RequestId = std::variant<std::int64_t, std::string>;

// How many times an emergency may be repeated in one request.
inline constexpr int kMaxEmergencyRepeat = 20;

struct Request {
  Command command = Command::status;
  std::int64_t segment = 0;  // play, emergency, priority: the segment's ID (> 0)
  std::optional<RequestId> id;
  int repeat = 1;  // emergency: how many times it airs, 1…kMaxEmergencyRepeat
  // Who asked: the socket peer's user, set by the server from the kernel's credentials,
  // never read from the line (a client cannot claim to be someone else).
  std::string asked_by{};
};

enum class AmplifierState { unknown, off, warming_up, on };
const char* to_string(AmplifierState state) noexcept;

struct NowAiring {
  std::string programme;
  std::string item;                    // what plays, e.g. "segment 7: Định danh điện tử"
  std::chrono::milliseconds position;  // into the item
  std::chrono::sys_seconds since;      // when the item started (UTC)
  std::string level = "normal";        // normal, priority or emergency
};

struct NextOccurrence {
  std::string programme;
  std::int64_t slot_id = 0;
  std::chrono::sys_seconds start;  // UTC
};

// The output failed (a card unplugged, a JACK server gone) and has not opened since; the
// daemon keeps trying.
struct DeviceTrouble {
  std::chrono::sys_seconds since;  // UTC
  std::string detail;              // the output's words
};

// What `status` answers: the daemon's own view, beside what the database says.
// The monitor line (proof it was heard): which input, whether it captures, and the latest
// play it did not carry.
struct MonitorStatus {
  struct Unheard {
    std::chrono::sys_seconds at;  // when the play ended
    std::string title;
    double heard_pct = 0;
    bool monitor_silent = false;  // nothing at all on the line: a dead amplifier, an unplugged line
  };
  std::string input;
  std::optional<std::string> trouble{};
  std::optional<Unheard> last_unheard{};
};

struct DaemonStatus {
  std::string output_device;
  std::optional<NowAiring> now_airing;
  std::optional<NextOccurrence> next;
  AmplifierState amplifier = AmplifierState::unknown;
  std::optional<std::string> last_error;
  std::optional<DeviceTrouble> device_trouble;
  // Segments `loaxa priority` put first in the next programme, waiting for it (titles).
  std::vector<std::string> priority_waiting{};
  std::optional<MonitorStatus> monitor{};  // none: no monitor line wired
  std::string home;
  std::string version;
  std::chrono::seconds uptime{0};
};

// What the daemon does with a request. Implemented by the daemon; every call is made on the
// daemon's event-loop thread (the one running the io_context the Server was given), one at
// a time. A method may throw: the request is answered with kind `failed` and e.what().
class Handler {
 public:
  virtual ~Handler() = default;
  virtual DaemonStatus status() = 0;
  // nullopt: done (or started); an error: why not.
  virtual std::optional<Error> play(std::int64_t segment) = 0;
  virtual std::optional<Error> stop() = 0;
  virtual std::optional<Error> reload() = 0;
  // Airs the segment at once, `repeat` times, cutting what is on air (docs/CONTROL.md).
  virtual std::optional<Error> emergency(std::int64_t segment, int repeat, const std::string& asked_by) = 0;
  // Puts the segment first in the next programme that airs.
  virtual std::optional<Error> priority(std::int64_t segment, const std::string& asked_by) = 0;
};

struct Response {
  std::optional<RequestId> id;
  std::optional<Error> error;          // set: {"ok":false,...}
  std::optional<DaemonStatus> status;  // the answer to `status`
  bool ok() const noexcept { return !error; }
};

struct ParsedRequest {
  std::optional<Request> request;  // set when the line is a good request
  Error error;                     // why not, when request is unset
  std::optional<RequestId> id;     // the line's "id" when it could be read, for the error answer too
};

// A request line (without its newline). Never throws.
ParsedRequest parse_request(std::string_view line) noexcept;

// A response line (without its newline); an error when it is not a response.
// Never throws.
std::variant<Response, Error> parse_response(std::string_view line) noexcept;

// One line each, without the newline. Throw only std::bad_alloc.
std::string encode_request(const Request& request);
std::string encode_response(const Response& response);

// Runs a parsed request on the handler; a handler's exception becomes a `failed` error.
Response dispatch(const Request& request, Handler& handler) noexcept;

// Parses, dispatches and encodes: the whole answer to one line (without the newline).
// `peer_user`: who is on the other end of the socket (the request's asked_by).
std::string answer(std::string_view line, Handler& handler, const std::string& peer_user = {});

// "2027-02-01T05:00:00Z"; parse_utc refuses anything else.
std::string format_utc(std::chrono::sys_seconds time);
std::optional<std::chrono::sys_seconds> parse_utc(std::string_view text) noexcept;

}  // namespace loaxa::control
