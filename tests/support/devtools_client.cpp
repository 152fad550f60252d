#include "support/devtools_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace loaxa::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

// "port\n/devtools/browser/…\n", written by Chromium once it listens.
std::optional<unsigned short> devtools_port(const std::filesystem::path& profile) {
  std::ifstream in(profile / "DevToolsActivePort");
  int port = 0;
  if (!(in >> port) || port <= 0 || port > 65535) return std::nullopt;
  return static_cast<unsigned short>(port);
}

// GET http://127.0.0.1:port/target (Chromium keeps the connection open after answering, so
// the answer is read by its Content-Length, not until the close).
std::string http_get(unsigned short port, const std::string& target) {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(5));
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
  beast::http::request<beast::http::empty_body> request(beast::http::verb::get, target, 11);
  request.set(beast::http::field::host, "127.0.0.1");
  beast::http::write(stream, request);
  beast::flat_buffer buffer;
  beast::http::response<beast::http::string_body> response;
  beast::http::read(stream, buffer, response);
  if (response.result() != beast::http::status::ok)
    throw std::runtime_error("DevTools answered " + target + " with an error");
  return response.body();
}

}  // namespace

std::string chromium_binary() {
  if (const char* given = std::getenv("LOAXA_CHROMIUM"); given != nullptr && *given != '\0') return given;
  return std::filesystem::exists("/usr/bin/chromium") ? "/usr/bin/chromium" : "";
}

struct HeadlessChromium::Connection {
  asio::io_context io;
  beast::websocket::stream<tcp::socket> socket{io};
};

HeadlessChromium::HeadlessChromium(const std::filesystem::path& profile) {
  const auto binary = chromium_binary();
  if (binary.empty()) throw std::runtime_error("no chromium (set LOAXA_CHROMIUM)");
  std::filesystem::create_directories(profile);
  std::filesystem::remove(profile / "DevToolsActivePort");
  std::vector<std::string> args{binary,
                                "--headless=new",
                                "--no-sandbox",  // tests may run as root, where the sandbox refuses to start
                                "--disable-gpu",
                                "--disable-dev-shm-usage",
                                "--no-first-run",
                                "--no-default-browser-check",
                                "--disable-extensions",
                                "--disable-background-networking",
                                "--disable-sync",
                                "--disable-component-update",
                                "--password-store=basic",
                                "--window-size=1366,768",
                                "--remote-debugging-address=127.0.0.1",
                                "--remote-debugging-port=0",
                                "--user-data-dir=" + profile.string(),
                                "about:blank"};
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    ::setpgid(0, 0);  // its own group: the renderers and helpers are killed with it
    const auto log = (profile / "chromium.log").string();
    if (std::FILE* out = std::freopen(log.c_str(), "w", stdout); out != nullptr) ::dup2(STDOUT_FILENO, STDERR_FILENO);
    std::vector<char*> argv;
    for (auto& arg : args) argv.push_back(arg.data());
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::setpgid(pid_, pid_);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  std::optional<unsigned short> port;
  std::string page_path;
  while (std::chrono::steady_clock::now() < deadline && page_path.empty()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!port) port = devtools_port(profile);
    if (!port) continue;
    try {
      for (const auto& target : nlohmann::json::parse(http_get(*port, "/json/list"))) {
        if (target.value("type", "") != "page") continue;
        const std::string url = target.value("webSocketDebuggerUrl", "");
        const auto at = url.find("/devtools/");
        if (at != std::string::npos) page_path = url.substr(at);
        break;
      }
    } catch (const std::exception&) {
      // Not listening yet.
    }
  }
  if (page_path.empty()) {
    stop();
    throw std::runtime_error("chromium did not start its DevTools page (see " + (profile / "chromium.log").string() +
                             ")");
  }
  connection_ = std::make_unique<Connection>();
  auto& socket = connection_->socket.next_layer();
  socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), *port));
  // No answer within 30 s is a failure, not a hang.
  timeval limit{30, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  connection_->socket.read_message_max(64 * 1024 * 1024);
  connection_->socket.handshake("127.0.0.1:" + std::to_string(*port), page_path);
}

HeadlessChromium::~HeadlessChromium() {
  stop();
}

void HeadlessChromium::stop() noexcept {
  if (connection_) {
    beast::error_code ignored;
    connection_->socket.next_layer().close(ignored);
    connection_.reset();
  }
  if (pid_ > 0) {
    ::kill(-pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
  }
}

nlohmann::json HeadlessChromium::call(const std::string& method, const nlohmann::json& params) {
  const int id = next_id_++;
  connection_->socket.text(true);
  connection_->socket.write(asio::buffer(nlohmann::json{{"id", id}, {"method", method}, {"params", params}}.dump()));
  for (;;) {
    beast::flat_buffer buffer;
    connection_->socket.read(buffer);  // throws on the socket's timeout
    const auto message = nlohmann::json::parse(beast::buffers_to_string(buffer.data()));
    if (!message.contains("id") || message["id"] != id) continue;  // an event
    if (message.contains("error")) throw std::runtime_error(method + ": " + message["error"].dump());
    return message.value("result", nlohmann::json::object());
  }
}

nlohmann::json HeadlessChromium::evaluate(const std::string& expression) {
  const auto result =
      call("Runtime.evaluate", {{"expression", expression}, {"returnByValue", true}, {"awaitPromise", true}});
  if (result.contains("exceptionDetails")) {
    throw std::runtime_error("JavaScript failed: " + result["exceptionDetails"].dump() + " in: " + expression);
  }
  return result["result"].value("value", nlohmann::json());
}

void HeadlessChromium::wait_for_page(const std::string& path, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string seen;
  const bool with_query = path.find('?') != std::string::npos;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      seen = evaluate(std::string("document.readyState + ' ' + location.pathname") +
                      (with_query ? " + location.search" : ""))
                 .get<std::string>();
      if (seen == "complete " + path) return;
    } catch (const std::runtime_error&) {
      // The page is between documents.
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the browser did not reach " + path + " (it is at: " + seen + ")");
}

void HeadlessChromium::wait_until(const std::string& condition, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      if (evaluate("document.readyState === 'complete' && !!(" + condition + ")") == true) return;
    } catch (const std::runtime_error&) {
      // The page is between documents.
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  throw std::runtime_error("the page never showed: " + condition);
}

void HeadlessChromium::open(const std::string& url, const std::string& expected_path) {
  call("Page.navigate", {{"url", url}});
  wait_for_page(expected_path);
}

}  // namespace loaxa::test
