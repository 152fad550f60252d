#include "control/protocol.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <cstdio>
#include <exception>
#include <limits>

namespace loaxa::control {
namespace {

using nlohmann::json;

constexpr std::array kErrorKinds{
    std::pair{ErrorKind::too_long, "too_long"},
    std::pair{ErrorKind::malformed, "malformed"},
    std::pair{ErrorKind::not_an_object, "not_an_object"},
    std::pair{ErrorKind::unknown_command, "unknown_command"},
    std::pair{ErrorKind::missing_field, "missing_field"},
    std::pair{ErrorKind::wrong_type, "wrong_type"},
    std::pair{ErrorKind::bad_value, "bad_value"},
    std::pair{ErrorKind::not_found, "not_found"},
    std::pair{ErrorKind::refused, "refused"},
    std::pair{ErrorKind::failed, "failed"},
};

constexpr std::array kCommands{std::pair{Command::status, "status"},       std::pair{Command::play, "play"},
                               std::pair{Command::stop, "stop"},           std::pair{Command::reload, "reload"},
                               std::pair{Command::emergency, "emergency"}, std::pair{Command::priority, "priority"}};

constexpr std::array kAmplifierStates{
    std::pair{AmplifierState::unknown, "unknown"}, std::pair{AmplifierState::off, "off"},
    std::pair{AmplifierState::warming_up, "warming_up"}, std::pair{AmplifierState::on, "on"}};

template <typename Table, typename E>
const char* name_of(const Table& table, E value) noexcept {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "?";
}

template <typename E, typename Table>
std::optional<E> value_of(const Table& table, std::string_view name) noexcept {
  for (const auto& [v, n] : table) {
    if (name == n) return v;
  }
  return std::nullopt;
}

// Text that came from a client may be any bytes: invalid UTF-8 is replaced, never thrown on.
std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string json_quoted(std::string_view text) {
  return dump(json(std::string(text)));
}

Error error(ErrorKind kind, std::string detail) {
  return Error{kind, std::move(detail), {}, {}};
}

json id_json(const RequestId& id) {
  return std::visit([](const auto& v) { return json(v); }, id);
}

// The "id" of a request or response object: absent, an integer or a string.
std::variant<std::optional<RequestId>, Error> read_id(const json& object) {
  auto it = object.find("id");
  if (it == object.end() || it->is_null()) return std::optional<RequestId>{};
  if (it->is_string()) return std::optional<RequestId>{it->get<std::string>()};
  if (it->is_number_integer() &&
      !(it->is_number_unsigned() &&
        it->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))) {
    return std::optional<RequestId>{it->get<std::int64_t>()};
  }
  return error(ErrorKind::wrong_type, "\"id\" must be an integer or a string");
}

json status_json(const DaemonStatus& s) {
  json now = nullptr;
  if (s.now_airing) {
    now = {{"programme", s.now_airing->programme},
           {"item", s.now_airing->item},
           {"level", s.now_airing->level},
           {"position_ms", s.now_airing->position.count()},
           {"since", format_utc(s.now_airing->since)}};
  }
  json next = nullptr;
  if (s.next) {
    next = {{"programme", s.next->programme}, {"slot_id", s.next->slot_id}, {"start", format_utc(s.next->start)}};
  }
  json trouble = nullptr;
  if (s.device_trouble)
    trouble = {{"since", format_utc(s.device_trouble->since)}, {"detail", s.device_trouble->detail}};
  json monitor = nullptr;
  if (s.monitor) {
    json unheard = nullptr;
    if (const auto& u = s.monitor->last_unheard) {
      unheard = {{"at", format_utc(u->at)},
                 {"title", u->title},
                 {"heard_pct", u->heard_pct},
                 {"monitor_silent", u->monitor_silent}};
    }
    monitor = {{"input", s.monitor->input},
               {"trouble", s.monitor->trouble ? json(*s.monitor->trouble) : json(nullptr)},
               {"last_unheard", unheard}};
  }
  return {{"output_device", s.output_device},
          {"device_trouble", trouble},
          {"monitor", monitor},
          {"now_airing", now},
          {"next", next},
          {"priority_waiting", s.priority_waiting},
          {"amplifier", to_string(s.amplifier)},
          {"last_error", s.last_error ? json(*s.last_error) : json(nullptr)},
          {"home", s.home},
          {"version", s.version},
          {"uptime_s", s.uptime.count()}};
}

// Reads a status object; throws nlohmann's exceptions or std::runtime_error on a bad one
// (caught by parse_response).
DaemonStatus status_from_json(const json& j) {
  DaemonStatus s;
  s.output_device = j.at("output_device").get<std::string>();
  if (const auto& now = j.at("now_airing"); !now.is_null()) {
    auto since = parse_utc(now.at("since").get<std::string>());
    if (!since) throw std::runtime_error("bad now_airing.since");
    s.now_airing = NowAiring{now.at("programme").get<std::string>(), now.at("item").get<std::string>(),
                             std::chrono::milliseconds(now.at("position_ms").get<std::int64_t>()), *since,
                             now.value("level", std::string("normal"))};
  }
  // Absent from an older daemon's answer: no monitor.
  if (const auto monitor = j.find("monitor"); monitor != j.end() && !monitor->is_null()) {
    MonitorStatus m;
    m.input = monitor->at("input").get<std::string>();
    if (const auto& trouble = monitor->at("trouble"); !trouble.is_null()) m.trouble = trouble.get<std::string>();
    if (const auto& u = monitor->at("last_unheard"); !u.is_null()) {
      auto at = parse_utc(u.at("at").get<std::string>());
      if (!at) throw std::runtime_error("bad monitor.last_unheard.at");
      m.last_unheard = MonitorStatus::Unheard{*at, u.at("title").get<std::string>(), u.at("heard_pct").get<double>(),
                                              u.at("monitor_silent").get<bool>()};
    }
    s.monitor = std::move(m);
  }
  // Absent from an older daemon's answer: nothing waits.
  if (const auto waiting = j.find("priority_waiting"); waiting != j.end()) {
    s.priority_waiting = waiting->get<std::vector<std::string>>();
  }
  if (const auto& next = j.at("next"); !next.is_null()) {
    auto start = parse_utc(next.at("start").get<std::string>());
    if (!start) throw std::runtime_error("bad next.start");
    s.next = NextOccurrence{next.at("programme").get<std::string>(), next.at("slot_id").get<std::int64_t>(), *start};
  }
  auto amplifier = value_of<AmplifierState>(kAmplifierStates, j.at("amplifier").get<std::string>());
  if (!amplifier) throw std::runtime_error("bad amplifier");
  s.amplifier = *amplifier;
  if (const auto& last = j.at("last_error"); !last.is_null()) s.last_error = last.get<std::string>();
  // Absent from an older daemon's answer: no trouble known.
  if (const auto trouble = j.find("device_trouble"); trouble != j.end() && !trouble->is_null()) {
    auto since = parse_utc(trouble->at("since").get<std::string>());
    if (!since) throw std::runtime_error("bad device_trouble.since");
    s.device_trouble = DeviceTrouble{*since, trouble->at("detail").get<std::string>()};
  }
  s.home = j.at("home").get<std::string>();
  s.version = j.at("version").get<std::string>();
  s.uptime = std::chrono::seconds(j.at("uptime_s").get<std::int64_t>());
  return s;
}

ParsedRequest parse_request_object(const json& object) {
  ParsedRequest parsed;
  auto id = read_id(object);
  if (auto* e = std::get_if<Error>(&id)) {
    parsed.error = std::move(*e);
    return parsed;
  }
  parsed.id = std::get<std::optional<RequestId>>(id);

  auto command_it = object.find("command");
  if (command_it == object.end()) {
    parsed.error = error(ErrorKind::missing_field, "no \"command\"");
    return parsed;
  }
  if (!command_it->is_string()) {
    parsed.error = error(ErrorKind::wrong_type, "\"command\" must be a string");
    return parsed;
  }
  const auto& name = command_it->get_ref<const std::string&>();
  auto command = value_of<Command>(kCommands, name);
  if (!command) {
    parsed.error =
        error(ErrorKind::unknown_command,
              fmt::format("unknown command {}: status, play, stop, reload, emergency or priority", json_quoted(name)));
    return parsed;
  }
  Request request{*command, 0, parsed.id};
  if (*command == Command::play || *command == Command::emergency || *command == Command::priority) {
    auto segment = object.find("segment");
    if (segment == object.end()) {
      parsed.error = error(ErrorKind::missing_field, fmt::format("{} needs \"segment\", the segment's ID", name));
      return parsed;
    }
    if (!segment->is_number_integer()) {
      parsed.error = error(ErrorKind::wrong_type, "\"segment\" must be an integer");
      return parsed;
    }
    if (segment->is_number_unsigned() &&
        segment->get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      parsed.error = error(ErrorKind::bad_value, "\"segment\" is too large");
      return parsed;
    }
    request.segment = segment->get<std::int64_t>();
    if (request.segment <= 0) {
      parsed.error = error(ErrorKind::bad_value, fmt::format("\"segment\" must be positive, not {}", request.segment));
      return parsed;
    }
  }
  if (*command == Command::emergency) {
    if (auto repeat = object.find("repeat"); repeat != object.end()) {
      if (!repeat->is_number_integer()) {
        parsed.error = error(ErrorKind::wrong_type, "\"repeat\" must be an integer");
        return parsed;
      }
      const bool in_range = !repeat->is_number_unsigned() || repeat->get<std::uint64_t>() <= kMaxEmergencyRepeat;
      const auto value = in_range ? repeat->get<std::int64_t>() : 0;
      if (value < 1 || value > kMaxEmergencyRepeat) {
        parsed.error = error(ErrorKind::bad_value, fmt::format("\"repeat\" must be 1 to {}", kMaxEmergencyRepeat));
        return parsed;
      }
      request.repeat = static_cast<int>(value);
    }
  }
  parsed.request = std::move(request);
  return parsed;
}

}  // namespace

const char* to_string(ErrorKind kind) noexcept {
  return name_of(kErrorKinds, kind);
}
std::optional<ErrorKind> error_kind_from_string(std::string_view text) noexcept {
  return value_of<ErrorKind>(kErrorKinds, text);
}
const char* to_string(Command command) noexcept {
  return name_of(kCommands, command);
}
const char* to_string(AmplifierState state) noexcept {
  return name_of(kAmplifierStates, state);
}

ParsedRequest parse_request(std::string_view line) noexcept {
  try {
    if (line.size() > kMaxLineBytes) {
      ParsedRequest parsed;
      parsed.error = error(ErrorKind::too_long, fmt::format("the line is longer than {} bytes", kMaxLineBytes));
      return parsed;
    }
    // nlohmann's parser would stop at a NUL byte and accept what precedes it.
    json object = line.find('\0') == std::string_view::npos ? json::parse(line, nullptr, /*allow_exceptions=*/false)
                                                            : json(json::value_t::discarded);
    if (object.is_discarded()) {
      ParsedRequest parsed;
      parsed.error = error(ErrorKind::malformed, "the line is not JSON");
      return parsed;
    }
    if (!object.is_object()) {
      ParsedRequest parsed;
      parsed.error = error(ErrorKind::not_an_object, "a request is a JSON object");
      return parsed;
    }
    return parse_request_object(object);
  } catch (const std::exception& e) {
    ParsedRequest parsed;
    parsed.error = error(ErrorKind::failed, e.what());
    return parsed;
  }
}

std::variant<Response, Error> parse_response(std::string_view line) noexcept {
  try {
    if (line.size() > kMaxLineBytes) return error(ErrorKind::too_long, "the response is too long");
    json object =
        line.find('\0') == std::string_view::npos ? json::parse(line, nullptr, false) : json(json::value_t::discarded);
    if (object.is_discarded()) return error(ErrorKind::malformed, "the response is not JSON");
    if (!object.is_object()) return error(ErrorKind::not_an_object, "a response is a JSON object");
    Response response;
    auto id = read_id(object);
    if (auto* e = std::get_if<Error>(&id)) return std::move(*e);
    response.id = std::get<std::optional<RequestId>>(id);
    auto ok = object.find("ok");
    if (ok == object.end() || !ok->is_boolean()) return error(ErrorKind::missing_field, "no boolean \"ok\"");
    if (!ok->get<bool>()) {
      const auto& e = object.at("error");
      auto kind = error_kind_from_string(e.at("kind").get<std::string>());
      // A kind from a newer daemon is still a failure.
      response.error = Error{kind.value_or(ErrorKind::failed), e.at("detail").get<std::string>(),
                             e.value("reason", std::string()), e.value("subject", std::string())};
    } else if (auto s = object.find("status"); s != object.end()) {
      response.status = status_from_json(*s);
    }
    return response;
  } catch (const std::exception& e) {
    return error(ErrorKind::malformed, fmt::format("bad response: {}", e.what()));
  }
}

std::string encode_request(const Request& request) {
  json j = {{"command", to_string(request.command)}};
  if (request.command == Command::play || request.command == Command::emergency ||
      request.command == Command::priority) {
    j["segment"] = request.segment;
  }
  if (request.command == Command::emergency) j["repeat"] = request.repeat;
  if (request.id) j["id"] = id_json(*request.id);
  return dump(j);
}

std::string encode_response(const Response& response) {
  json j = {{"ok", response.ok()}};
  if (response.id) j["id"] = id_json(*response.id);
  if (response.error) {
    j["error"] = {{"kind", to_string(response.error->kind)}, {"detail", response.error->detail}};
    if (!response.error->reason.empty()) j["error"]["reason"] = response.error->reason;
    if (!response.error->subject.empty()) j["error"]["subject"] = response.error->subject;
  } else if (response.status) {
    j["status"] = status_json(*response.status);
  }
  return dump(j);
}

Response dispatch(const Request& request, Handler& handler) noexcept {
  Response response;
  response.id = request.id;
  try {
    switch (request.command) {
      case Command::status:
        response.status = handler.status();
        break;
      case Command::play:
        response.error = handler.play(request.segment);
        break;
      case Command::stop:
        response.error = handler.stop();
        break;
      case Command::reload:
        response.error = handler.reload();
        break;
      case Command::emergency:
        response.error = handler.emergency(request.segment, request.repeat, request.asked_by);
        break;
      case Command::priority:
        response.error = handler.priority(request.segment, request.asked_by);
        break;
    }
  } catch (const std::exception& e) {
    response.status.reset();
    response.error = error(ErrorKind::failed, e.what());
  } catch (...) {
    response.status.reset();
    response.error = error(ErrorKind::failed, "unknown exception");
  }
  return response;
}

std::string answer(std::string_view line, Handler& handler, const std::string& peer_user) {
  auto parsed = parse_request(line);
  if (!parsed.request) {
    Response response;
    response.id = parsed.id;
    response.error = std::move(parsed.error);
    return encode_response(response);
  }
  parsed.request->asked_by = peer_user;
  return encode_response(dispatch(*parsed.request, handler));
}

std::string format_utc(std::chrono::sys_seconds time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", time);
}

std::optional<std::chrono::sys_seconds> parse_utc(std::string_view text) noexcept {
  // YYYY-MM-DDTHH:MM:SSZ, exactly.
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z') {
    return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  auto y = number(0, 4), mo = number(5, 2), d = number(8, 2), h = number(11, 2), mi = number(14, 2), s = number(17, 2);
  if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  std::chrono::year_month_day date{std::chrono::year(*y), std::chrono::month(static_cast<unsigned>(*mo)),
                                   std::chrono::day(static_cast<unsigned>(*d))};
  if (!date.ok()) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(*h) + std::chrono::minutes(*mi) + std::chrono::seconds(*s);
}

}  // namespace loaxa::control
