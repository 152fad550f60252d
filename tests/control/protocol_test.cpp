#include "control/protocol.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace loaxa::control;
using namespace std::chrono_literals;

namespace {

ErrorKind refusal(std::string_view line) {
  auto parsed = parse_request(line);
  REQUIRE_FALSE(parsed.request);
  return parsed.error.kind;
}

DaemonStatus full_status() {
  DaemonStatus s;
  s.output_device = "hw:0 — Loa xã";
  s.now_airing = NowAiring{"Bản tin sáng", "segment 7: Định danh điện tử", 61500ms,
                           std::chrono::sys_days(std::chrono::year(2027) / 2 / 1) + 22h + 1min + 2s, "emergency"};
  s.priority_waiting = {"Lịch tiêm chủng"};
  s.monitor = MonitorStatus{"portaudio:USB Audio", std::string("the input was lost"),
                            MonitorStatus::Unheard{std::chrono::sys_days(std::chrono::year(2027) / 2 / 1) + 21h + 45min,
                                                   "Nhạc hiệu", 12.5, false}};
  s.next = NextOccurrence{"Bản tin chiều", 3, std::chrono::sys_days(std::chrono::year(2027) / 2 / 2) + 10h};
  s.amplifier = AmplifierState::warming_up;
  s.last_error = "mất thiết bị âm thanh";
  s.device_trouble = DeviceTrouble{std::chrono::sys_days(std::chrono::year(2027) / 2 / 1) + 21h, "no such card"};
  s.home = "/var/lib/loaxa";
  s.version = "0.1.0";
  s.uptime = 3600s;
  return s;
}

}  // namespace

TEST_CASE("good requests parse to typed requests") {
  auto status = parse_request(R"({"command":"status"})");
  REQUIRE(status.request);
  CHECK(status.request->command == Command::status);
  CHECK_FALSE(status.request->id);

  auto play = parse_request(R"({"command":"play","segment":7,"id":42})");
  REQUIRE(play.request);
  CHECK(play.request->command == Command::play);
  CHECK(play.request->segment == 7);
  REQUIRE(play.request->id);
  CHECK(std::get<std::int64_t>(*play.request->id) == 42);

  auto stop = parse_request(R"(  {"id":"a-1","command":"stop"}  )");
  REQUIRE(stop.request);
  CHECK(stop.request->command == Command::stop);
  CHECK(std::get<std::string>(*stop.request->id) == "a-1");

  auto reload = parse_request(R"({"command":"reload","extra":"ignored"})");
  REQUIRE(reload.request);
  CHECK(reload.request->command == Command::reload);

  auto emergency = parse_request(R"({"command":"emergency","segment":9,"repeat":3,"asked_by":"someone"})");
  REQUIRE(emergency.request);
  CHECK(emergency.request->command == Command::emergency);
  CHECK(emergency.request->segment == 9);
  CHECK(emergency.request->repeat == 3);
  CHECK(emergency.request->asked_by.empty());  // never read from the line
  auto once = parse_request(R"({"command":"emergency","segment":9})");
  REQUIRE(once.request);
  CHECK(once.request->repeat == 1);

  auto priority = parse_request(R"({"command":"priority","segment":4})");
  REQUIRE(priority.request);
  CHECK(priority.request->command == Command::priority);
  CHECK(priority.request->segment == 4);
}

TEST_CASE("bad requests get typed errors, never an exception") {
  CHECK(refusal("") == ErrorKind::malformed);
  CHECK(refusal("status") == ErrorKind::malformed);
  CHECK(refusal(R"({"command":"status")") == ErrorKind::malformed);
  CHECK(refusal("[1,2]") == ErrorKind::not_an_object);
  CHECK(refusal("\"status\"") == ErrorKind::not_an_object);
  CHECK(refusal("{}") == ErrorKind::missing_field);
  CHECK(refusal(R"({"command":7})") == ErrorKind::wrong_type);
  CHECK(refusal(R"({"command":"dance"})") == ErrorKind::unknown_command);
  CHECK(refusal(R"({"command":"STATUS"})") == ErrorKind::unknown_command);
  CHECK(refusal(R"({"command":"play"})") == ErrorKind::missing_field);
  CHECK(refusal(R"({"command":"play","segment":"7"})") == ErrorKind::wrong_type);
  CHECK(refusal(R"({"command":"play","segment":7.5})") == ErrorKind::wrong_type);
  CHECK(refusal(R"({"command":"play","segment":null})") == ErrorKind::wrong_type);
  CHECK(refusal(R"({"command":"play","segment":0})") == ErrorKind::bad_value);
  CHECK(refusal(R"({"command":"play","segment":-3})") == ErrorKind::bad_value);
  CHECK(refusal(R"({"command":"play","segment":18446744073709551615})") == ErrorKind::bad_value);
  CHECK(refusal(R"({"command":"emergency"})") == ErrorKind::missing_field);
  CHECK(refusal(R"({"command":"priority","segment":0})") == ErrorKind::bad_value);
  CHECK(refusal(R"({"command":"emergency","segment":1,"repeat":0})") == ErrorKind::bad_value);
  CHECK(refusal(R"({"command":"emergency","segment":1,"repeat":21})") == ErrorKind::bad_value);
  CHECK(refusal(R"({"command":"emergency","segment":1,"repeat":-1})") == ErrorKind::bad_value);
  CHECK(refusal(R"({"command":"emergency","segment":1,"repeat":18446744073709551615})") == ErrorKind::bad_value);
  CHECK(refusal(R"({"command":"emergency","segment":1,"repeat":"2"})") == ErrorKind::wrong_type);
  CHECK(refusal(R"({"command":"status","id":[1]})") == ErrorKind::wrong_type);
  CHECK(refusal(R"({"command":"status","id":1.5})") == ErrorKind::wrong_type);
  // Invalid UTF-8, a NUL byte, deep nesting.
  CHECK(refusal("{\"command\":\"st\xff\xfe\"}") == ErrorKind::malformed);
  CHECK(refusal(std::string("{\"command\":\"status\"}\0x", 22)) == ErrorKind::malformed);
  CHECK(refusal(std::string(20000, '[') + std::string(20000, ']')) == ErrorKind::not_an_object);
}

TEST_CASE("an over-long line is refused before it is parsed") {
  std::string line = R"({"command":"status","pad":")" + std::string(kMaxLineBytes, 'x') + "\"}";
  CHECK(refusal(line) == ErrorKind::too_long);
  std::string fits = R"({"command":"status","pad":")";
  fits += std::string(kMaxLineBytes - fits.size() - 2, 'x') + "\"}";
  REQUIRE(fits.size() == kMaxLineBytes);
  CHECK(parse_request(fits).request);
}

TEST_CASE("the id of a bad request is echoed when it can be read") {
  auto parsed = parse_request(R"({"command":"dance","id":"x9"})");
  REQUIRE_FALSE(parsed.request);
  REQUIRE(parsed.id);
  CHECK(std::get<std::string>(*parsed.id) == "x9");
}

TEST_CASE("requests encode and parse back") {
  for (auto request : {Request{Command::status, 0, std::nullopt}, Request{Command::play, 12, RequestId{7}},
                       Request{Command::stop, 0, RequestId{std::string("s")}}, Request{Command::reload, 0, {}},
                       Request{Command::emergency, 5, {}, 4}, Request{Command::priority, 6, {}}}) {
    auto line = encode_request(request);
    CHECK(line.find('\n') == std::string::npos);
    auto parsed = parse_request(line);
    REQUIRE(parsed.request);
    CHECK(parsed.request->command == request.command);
    CHECK(parsed.request->segment == request.segment);
    CHECK(parsed.request->id == request.id);
    CHECK(parsed.request->repeat == request.repeat);
  }
}

TEST_CASE("responses encode and parse back, status included") {
  Response response;
  response.id = RequestId{5};
  response.status = full_status();
  auto line = encode_response(response);
  CHECK(line.find('\n') == std::string::npos);
  CHECK(line.find(R"("ok":true)") != std::string::npos);
  CHECK(line.find(R"("since":"2027-02-01T22:01:02Z")") != std::string::npos);
  auto parsed = parse_response(line);
  REQUIRE(std::holds_alternative<Response>(parsed));
  const auto& back = std::get<Response>(parsed);
  CHECK(back.ok());
  CHECK(back.id == response.id);
  REQUIRE(back.status);
  const auto& s = *back.status;
  CHECK(s.output_device == "hw:0 — Loa xã");
  REQUIRE(s.now_airing);
  CHECK(s.now_airing->programme == "Bản tin sáng");
  CHECK(s.now_airing->item == "segment 7: Định danh điện tử");
  CHECK(s.now_airing->position == 61500ms);
  CHECK(s.now_airing->since == response.status->now_airing->since);
  CHECK(s.now_airing->level == "emergency");
  CHECK(s.priority_waiting == std::vector<std::string>{"Lịch tiêm chủng"});
  REQUIRE(s.monitor);
  CHECK(s.monitor->input == "portaudio:USB Audio");
  CHECK(s.monitor->trouble == std::optional<std::string>("the input was lost"));
  REQUIRE(s.monitor->last_unheard);
  CHECK(s.monitor->last_unheard->at == response.status->monitor->last_unheard->at);
  CHECK(s.monitor->last_unheard->title == "Nhạc hiệu");
  CHECK(s.monitor->last_unheard->heard_pct == 12.5);
  CHECK_FALSE(s.monitor->last_unheard->monitor_silent);
  REQUIRE(s.next);
  CHECK(s.next->slot_id == 3);
  CHECK(s.next->start == response.status->next->start);
  CHECK(s.amplifier == AmplifierState::warming_up);
  CHECK(s.last_error == std::optional<std::string>("mất thiết bị âm thanh"));
  REQUIRE(s.device_trouble);
  CHECK(s.device_trouble->since == response.status->device_trouble->since);
  CHECK(s.device_trouble->detail == "no such card");
  CHECK(s.home == "/var/lib/loaxa");
  CHECK(s.version == "0.1.0");
  CHECK(s.uptime == 3600s);

  DaemonStatus idle;
  Response quiet;
  quiet.status = idle;
  auto idle_back = std::get<Response>(parse_response(encode_response(quiet)));
  REQUIRE(idle_back.status);
  CHECK_FALSE(idle_back.status->now_airing);
  CHECK_FALSE(idle_back.status->next);
  CHECK_FALSE(idle_back.status->last_error);
  CHECK_FALSE(idle_back.status->device_trouble);
  CHECK_FALSE(idle_back.status->monitor);
}

TEST_CASE("error responses carry kind and detail") {
  Response response;
  response.error = Error{ErrorKind::not_found, "no segment 99"};
  auto line = encode_response(response);
  CHECK(line == R"({"error":{"detail":"no segment 99","kind":"not_found"},"ok":false})");
  auto back = std::get<Response>(parse_response(line));
  REQUIRE(back.error);
  CHECK(back.error->kind == ErrorKind::not_found);
  CHECK(back.error->detail == "no segment 99");
  CHECK(back.error->reason.empty());
  // A refusal's reason code and subject travel too.
  response.error = Error{ErrorKind::refused, "segment 3 cannot air today", "not_approved", "Tin nháp"};
  back = std::get<Response>(parse_response(encode_response(response)));
  REQUIRE(back.error);
  CHECK(back.error->reason == "not_approved");
  CHECK(back.error->subject == "Tin nháp");
  // Invalid UTF-8 in a detail is replaced, not thrown on.
  response.error->detail = "bad \xff byte";
  CHECK_NOTHROW(encode_response(response));
}

TEST_CASE("bad responses are errors, not exceptions") {
  CHECK(std::holds_alternative<Error>(parse_response("nope")));
  CHECK(std::holds_alternative<Error>(parse_response("{}")));
  CHECK(std::holds_alternative<Error>(parse_response(R"({"ok":false})")));
  CHECK(std::holds_alternative<Error>(parse_response(R"({"ok":true,"status":{"home":1}})")));
  // A kind a newer daemon invents is still a failure.
  auto newer = parse_response(R"({"ok":false,"error":{"kind":"on_fire","detail":"x"}})");
  REQUIRE(std::holds_alternative<Response>(newer));
  CHECK(std::get<Response>(newer).error->kind == ErrorKind::failed);
}

TEST_CASE("UTC times: one exact form") {
  auto t = parse_utc("2027-02-28T23:59:59Z");
  REQUIRE(t);
  CHECK(format_utc(*t) == "2027-02-28T23:59:59Z");
  CHECK_FALSE(parse_utc("2027-02-29T00:00:00Z"));
  CHECK_FALSE(parse_utc("2027-02-01T24:00:00Z"));
  CHECK_FALSE(parse_utc("2027-02-01 05:00:00Z"));
  CHECK_FALSE(parse_utc("2027-02-01T05:00:00"));
  CHECK_FALSE(parse_utc("2027-0a-01T05:00:00Z"));
}
