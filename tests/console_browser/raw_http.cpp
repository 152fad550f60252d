#include "raw_http.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace loaxa::test {
namespace {

int connect_to(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
  }
  return fd;
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

RawResponse parse(const std::string& raw) {
  RawResponse response;
  const auto end = raw.find("\r\n\r\n");
  response.head = raw.substr(0, end);
  if (end != std::string::npos) response.body = raw.substr(end + 4);
  if (raw.rfind("HTTP/1.", 0) == 0 && raw.size() > 12) response.status = std::stoi(raw.substr(9, 3));
  // A chunked body (the console streams none but /events) is left as it came.
  return response;
}

// "name=value" of the first Set-Cookie named `name`.
std::string set_cookie(const RawResponse& response, const std::string& name) {
  const auto head = response.head;
  std::size_t at = 0;
  while ((at = lower(head).find("\r\nset-cookie:", at)) != std::string::npos) {
    at += 13;
    while (at < head.size() && head[at] == ' ') ++at;
    const auto end = head.find_first_of(";\r", at);
    const auto pair = head.substr(at, end - at);
    if (pair.rfind(name + "=", 0) == 0) return pair;
  }
  throw std::runtime_error("no cookie " + name + " in:\n" + head);
}

std::string between(const std::string& text, const std::string& before, const std::string& after) {
  const auto at = text.find(before);
  if (at == std::string::npos) throw std::runtime_error("no " + before + " in the page");
  const auto start = at + before.size();
  return text.substr(start, text.find(after, start) - start);
}

}  // namespace

std::optional<std::string> RawResponse::header(const std::string& name) const {
  const auto text = lower(head);
  const auto at = text.find("\r\n" + lower(name) + ":");
  if (at == std::string::npos) return std::nullopt;
  auto start = at + name.size() + 3;
  while (start < head.size() && head[start] == ' ') ++start;
  return head.substr(start, head.find("\r\n", start) - start);
}

RawResponse raw_exchange(unsigned short port, const std::string& request, std::chrono::milliseconds timeout) {
  const int fd = connect_to(port);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string raw;
  // Sent in pieces while reading: a server that answers before the body ends (a 413) and
  // closes must not leave the rest unsendable (EPIPE is ignored: MSG_NOSIGNAL).
  std::size_t sent = 0;
  bool closed = false;
  while (!closed) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      ::close(fd);
      throw std::runtime_error("no complete answer within the time; got: " + raw.substr(0, 300));
    }
    pollfd p{fd, static_cast<short>(POLLIN | (sent < request.size() ? POLLOUT : 0)), 0};
    ::poll(&p, 1, static_cast<int>(std::min<long long>(left.count(), 100)));
    if ((p.revents & POLLOUT) != 0 && sent < request.size()) {
      const auto n = ::send(fd, request.data() + sent, std::min<std::size_t>(request.size() - sent, 65536),
                            MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0)
        sent += static_cast<std::size_t>(n);
      else if (n < 0 && errno != EAGAIN)
        sent = request.size();  // the server closed its side: read what it said
    }
    if ((p.revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      char buffer[65536];
      const auto n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
      if (n > 0)
        raw.append(buffer, static_cast<std::size_t>(n));
      else if (n == 0 || errno != EAGAIN)
        closed = true;
    }
  }
  ::close(fd);
  return parse(raw);
}

RawResponse RawSession::send(const std::string& method, const std::string& target, const std::string& body,
                             const std::string& extra_headers) const {
  std::string request =
      method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\nConnection: close\r\n";
  if (!cookie.empty()) request += "Cookie: " + cookie + "\r\n";
  request += extra_headers;
  if (method != "GET") request += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return raw_exchange(port, request + "\r\n" + body);
}

RawResponse RawSession::post_form(const std::string& target, const std::string& form) const {
  return send("POST", target, "csrf=" + token + (form.empty() ? "" : "&" + form),
              "Content-Type: application/x-www-form-urlencoded\r\n");
}

RawSession raw_login(unsigned short port, const std::string& user, const std::string& password) {
  RawSession anonymous{port, "", ""};
  const auto form = anonymous.send("GET", "/login");
  const auto login_cookie = set_cookie(form, "loaxa_console_login");
  const auto form_token = between(form.body, "name=\"csrf\" value=\"", "\"");
  RawSession logging_in{port, login_cookie, form_token};
  // user and password as a browser encodes them: the test's are plain ASCII letters and digits.
  const auto answer = logging_in.post_form("/login", "user=" + user + "&password=" + password);
  if (answer.status != 303) throw std::runtime_error("the login was refused:\n" + answer.head + "\n" + answer.body);
  RawSession session{port, set_cookie(answer, "loaxa_console"), ""};
  const auto page = session.send("GET", "/");
  session.token = between(page.body, "<meta name=\"csrf\" content=\"", "\"");
  return session;
}

}  // namespace loaxa::test
