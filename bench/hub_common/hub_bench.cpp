#include "bench/hub_common/hub_bench.hpp"

#include "store/utc_text.hpp"
#include "wire/play_json.hpp"
#include "wire/signing.hpp"

#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace loaxa::bench {
namespace {

using namespace std::chrono_literals;

// fork + execv with stdout on a pipe; returns the child's pid and the pipe's read end.
std::pair<pid_t, int> spawn(const std::vector<std::string>& args) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    std::vector<char*> argv;
    for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

struct Item {
  const char* title;
  const char* category;
  int seconds;
  bool relay;
};

// A commune session: the jingle, the district's news, a relay of VOV, campaign items.
constexpr std::array kItems{
    Item{"Nhạc hiệu Đài truyền thanh xã", "NH", 25, false},
    Item{"Bản tin thời sự của xã", "TS", 420, false},
    Item{"Tiếp sóng Đài Tiếng nói Việt Nam (VOV1)", "TS", 900, true},
    Item{"Chuyển đổi số: dịch vụ công trực tuyến mức độ 4", "CDS", 185, false},
    Item{"Phổ biến, giáo dục pháp luật: Luật Đất đai 2024", "PL", 300, false},
    Item{"Phòng chống dịch sốt xuất huyết", "YT", 150, false},
    Item{"Lịch tiếp công dân tuần này", "TB", 90, false},
    Item{"Nông nghiệp: lịch thời vụ vụ Đông Xuân", "NN", 240, false},
    Item{"Nhạc kết thúc chương trình", "NH", 20, false},
};

}  // namespace

std::string run_capture(const std::vector<std::string>& argv) {
  const auto [pid, out] = spawn(argv);
  std::string text;
  char buffer[4096];
  for (;;) {
    const auto got = ::read(out, buffer, sizeof buffer);
    if (got <= 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  ::close(out);
  int status = 0;
  ::waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error(argv.front() + " failed: " + text);
  return text;
}

std::string add_station(const std::string& hub_binary, const std::filesystem::path& home, const std::string& id) {
  const auto out = run_capture({hub_binary, "--home", home.string(), "--lang", "en", "station", "add", id, "--name",
                                "Đài truyền thanh " + id, "--json"});
  return nlohmann::json::parse(out).at("key").get<std::string>();
}

HubServer::HubServer(const std::string& hub_binary, const std::filesystem::path& home,
                     const std::vector<std::string>& extra) {
  std::vector<std::string> args{hub_binary, "--home", home.string(), "--lang",
                                "en",       "serve",  "--listen",    "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  std::tie(pid_, out_) = spawn(args);
  std::string seen;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{out_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buffer[512];
    const auto got = ::read(out_, buffer, sizeof buffer);
    if (got <= 0) break;
    seen.append(buffer, static_cast<std::size_t>(got));
    // "loaxa-hub: listening on 127.0.0.1 port 40123 (http), home …"
    const auto at = seen.find(" port ");
    if (at == std::string::npos) continue;
    const auto end = seen.find_first_not_of("0123456789", at + 6);
    if (end != std::string::npos && end > at + 6) {
      port_ = static_cast<unsigned short>(std::stoi(seen.substr(at + 6, end - at - 6)));
      return;
    }
  }
  stop();
  throw std::runtime_error("loaxa-hub serve did not start: " + seen);
}

int HubServer::stop() {
  int code = -1;
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    int status = 0;
    for (int i = 0; i < 200 && pid_ > 0; ++i) {
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        pid_ = -1;
      } else {
        std::this_thread::sleep_for(50ms);
      }
    }
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }
  if (out_ >= 0) {
    ::close(out_);
    out_ = -1;
  }
  return code;
}

HubServer::~HubServer() {
  stop();
}

ProcReading read_proc(pid_t pid) {
  ProcReading r;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) r.vm_rss_kib = std::stol(line.substr(6));
    if (line.rfind("VmHWM:", 0) == 0) r.vm_hwm_kib = std::stol(line.substr(6));
  }
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string all((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
  const auto close = all.rfind(')');
  if (close != std::string::npos) {
    std::istringstream rest(all.substr(close + 2));
    std::vector<std::string> fields;
    std::string field;
    while (rest >> field) fields.push_back(field);
    if (fields.size() > 12) {
      const double tick = static_cast<double>(::sysconf(_SC_CLK_TCK));
      r.cpu_s = (std::stod(fields[11]) + std::stod(fields[12])) / tick;
    }
  }
  return r;
}

double own_cpu_seconds() {
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

PlayMaker::PlayMaker(std::uint64_t seed) : random_(seed) {
  // 2026-01-01 05:00 in Asia/Ho_Chi_Minh is 2025-12-31T22:00Z.
  cursor_ = store::parse_utc_text("2025-12-31T22:00:00.000Z");
}

store::Play PlayMaker::one() {
  std::uniform_int_distribution<int> percent(0, 999);
  const auto ms = [](std::int64_t n) { return std::chrono::milliseconds(n); };
  // The session this play belongs to: slot 1 at 05:00 local (22:00Z), slot 2 at 17:00 (10:00Z).
  if (position_ >= items_in_session_) {
    position_ = 0;
    session_ = 1 - session_;
    if (session_ == 0) ++day_;
    items_in_session_ = std::uniform_int_distribution<int>(4, 9)(random_);
  }
  const auto day_start = store::parse_utc_text("2025-12-31T22:00:00.000Z") + std::chrono::days(day_);
  const auto nominal = day_start + (session_ == 0 ? std::chrono::hours(0) : std::chrono::hours(12));
  if (position_ == 0) cursor_ = nominal + ms(std::uniform_int_distribution<int>(5, 60)(random_));

  store::Play p;
  const bool manual = percent(random_) < 15;
  const Item& item = kItems[static_cast<std::size_t>(position_) % kItems.size()];
  if (manual) {
    p.item.occurrence = store::OccurrenceKey::of_manual(wire::to_hex(wire::random_bytes(8)));
    p.item.programme_name = "Thông báo của Ủy ban nhân dân xã";
    p.item.position = 0;
    const int segment = std::uniform_int_distribution<int>(300, 400)(random_);
    p.item.segment_id = segment;
    p.item.segment_sha256 = wire::sha256_hex("segment-" + std::to_string(segment));
    p.item.category = "TB";
    p.item.title = "Thông báo lịch tiêm phòng cho gia súc, gia cầm";
    p.item.level = percent(random_) < 300 ? store::PlayLevel::emergency : store::PlayLevel::priority;
  } else {
    p.item.occurrence = store::OccurrenceKey::of_slot(session_ + 1, nominal);
    p.item.programme_id = session_ + 1;
    p.item.programme_name = session_ == 0 ? "Chương trình phát thanh buổi sáng" : "Chương trình phát thanh buổi chiều";
    p.item.position = position_;
    if (!item.relay) {
      const int segment = 1 + position_ * 31 + static_cast<int>(day_ % 30);
      p.item.segment_id = segment;
      p.item.segment_sha256 = wire::sha256_hex("segment-" + std::to_string(segment));
    }
    p.item.category = item.category;
    p.item.title = item.title;
    p.item.level = percent(random_) < 20 ? store::PlayLevel::priority : store::PlayLevel::normal;
    p.item.scheduled_start = cursor_;
    ++position_;
  }
  const int roll = percent(random_);
  const int seconds = item.seconds + std::uniform_int_distribution<int>(-5, 5)(random_);
  if (roll < 15 || roll >= 985) {
    // Never aired: missed (the station was off) or skipped (not approved).
    p.status = roll < 15 ? store::PlayStatus::missed : store::PlayStatus::skipped;
    p.reason = roll < 15 ? store::play_reason::station_off : store::play_reason::not_approved;
    p.ended_at = cursor_;
  } else {
    p.started_at = cursor_ + ms(std::uniform_int_distribution<int>(0, 40)(random_));
    auto length = std::chrono::milliseconds(seconds * 1000 + std::uniform_int_distribution<int>(0, 999)(random_));
    p.status = store::PlayStatus::completed;
    if (roll < 35) {
      p.status = store::PlayStatus::interrupted;
      p.reason = store::play_reason::stopped;
      length /= 3;
    } else if (roll < 45) {
      p.status = store::PlayStatus::failed;
      p.reason = store::play_reason::device_lost;
      length /= 2;
    }
    p.ended_at = *p.started_at + length;
    p.frames = length.count() * 48;  // 48 kHz output
    p.underruns = percent(random_) < 10 ? 1 : 0;
  }
  cursor_ = *p.ended_at + ms(200);
  return p;
}

std::vector<store::Play> PlayMaker::next(std::int64_t first_seq, std::size_t count, std::string& previous_hash) {
  std::vector<store::Play> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    store::Play p = one();
    p.seq = first_seq + static_cast<std::int64_t>(i);
    p.hash = store::chain_hash(previous_hash, p);
    previous_hash = p.hash;
    out.push_back(std::move(p));
  }
  return out;
}

std::string plays_body(const std::string& station, const store::Play* first, std::size_t count) {
  std::string body = R"({"station_id":)" + nlohmann::json(station).dump() + R"(,"plays":[)";
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) body += ',';
    body += wire::play_to_json(first[i]);
  }
  body += "]}";
  return body;
}

std::string heartbeat_body(const std::string& station, std::int64_t uptime_s, std::int64_t outbox_depth) {
  const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  const nlohmann::json body = {{"station_id", station},
                               {"version", "0.1.0"},
                               {"uptime_s", uptime_s},
                               {"device", "portaudio:hw:0"},
                               {"next_occurrence", store::utc_text(now + std::chrono::hours(6))},
                               {"clock_utc", store::utc_text(now)},
                               {"outbox_depth", outbox_depth}};
  return body.dump();
}

std::vector<std::pair<std::string, std::string>> signed_headers(const std::string& station,
                                                                const std::vector<std::uint8_t>& key,
                                                                const std::string& path, const std::string& body) {
  const std::string timestamp = std::to_string(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  const std::string nonce = wire::to_hex(wire::random_bytes(16));
  return {{"X-Loaxa-Station", station},
          {"X-Loaxa-Timestamp", timestamp},
          {"X-Loaxa-Nonce", nonce},
          {"X-Loaxa-Signature", wire::sign_request(key, "POST", path, timestamp, nonce, body)}};
}

double median(std::vector<double> values) {
  return quantile(std::move(values), 0.5);
}

double quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

}  // namespace loaxa::bench
