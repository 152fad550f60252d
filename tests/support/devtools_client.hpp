#pragma once
// A headless Chromium (Debian's `chromium`) driven over the DevTools protocol, shared by the
// browser tests and benchmarks (the hub's dashboard, the station's console): a WebSocket
// (Boost.Beast) to the browser's first page, JSON commands one at a time. Chromium runs in
// its own process group with a temporary profile; the destructor kills the group and waits,
// so no browser outlives it.

#include <nlohmann/json.hpp>

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace loaxa::test {

// The browser's path: $LOAXA_CHROMIUM, else /usr/bin/chromium; empty when there is none.
std::string chromium_binary();

class HeadlessChromium {
 public:
  // Starts the browser with `profile` as its user data folder (made if missing) and connects
  // to its page. Throws std::runtime_error when it does not come up within 30 s.
  explicit HeadlessChromium(const std::filesystem::path& profile);
  ~HeadlessChromium();
  HeadlessChromium(const HeadlessChromium&) = delete;
  HeadlessChromium& operator=(const HeadlessChromium&) = delete;

  // Sends a command and returns its "result"; throws on an "error" answer or a timeout.
  nlohmann::json call(const std::string& method, const nlohmann::json& params = nlohmann::json::object());

  // Evaluates JavaScript in the page (promises awaited) and returns its value.
  nlohmann::json evaluate(const std::string& expression);

  // Waits until the page has loaded a document whose path is `path` (and its query, if
  // given with one); throws after `timeout`, naming the page it is on.
  void wait_for_page(const std::string& path, std::chrono::milliseconds timeout = std::chrono::seconds(15));

  // Waits until `condition` (JavaScript) is true in the page; throws after `timeout`.
  void wait_until(const std::string& condition, std::chrono::milliseconds timeout = std::chrono::seconds(15));

  // Page.navigate to `url`, then wait_for_page(expected path).
  void open(const std::string& url, const std::string& expected_path);

 private:
  struct Connection;
  void stop() noexcept;  // kills the browser's process group and waits for it
  pid_t pid_ = -1;
  std::unique_ptr<Connection> connection_;
  int next_id_ = 1;
};

}  // namespace loaxa::test
