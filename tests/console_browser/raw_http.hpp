#pragma once
// HTTP/1.1 by hand over a loopback socket, for what a browser will not send: a form body that
// is not a form, a Content-Length of 2 GB, a file name with "../" in it. And a console login
// the same way (the login form's token and cookie, then the session's), so the API is
// exercised with and without a session.
//
// Thread safety: none needed; each call opens its own connection.

#include <chrono>
#include <optional>
#include <string>

namespace loaxa::test {

struct RawResponse {
  int status = 0;
  std::string head;  // the status line and headers
  std::string body;
  // The first header's value by name (case-insensitive), or nullopt.
  std::optional<std::string> header(const std::string& name) const;
};

// Sends `request` as given while reading, until the server closes or `timeout` passes (then
// throws std::runtime_error). A server that answers before the body is all sent (a 413) and
// closes is read all the same: what was left unsent is dropped.
RawResponse raw_exchange(unsigned short port, const std::string& request,
                         std::chrono::milliseconds timeout = std::chrono::seconds(10));

// A signed-in visitor of the console at `port`: the session cookie and the form token the
// pages carry (<meta name="csrf">).
struct RawSession {
  unsigned short port = 0;
  std::string cookie;  // "loaxa_console=…"
  std::string token;
  // A request with the session's cookie, Connection: close, and (for a body) its length.
  RawResponse send(const std::string& method, const std::string& target, const std::string& body = "",
                   const std::string& extra_headers = "") const;
  // A form POST (application/x-www-form-urlencoded) with the token in the body's csrf field.
  RawResponse post_form(const std::string& target, const std::string& form) const;
};

// Logs in through POST /login as the login form does; throws when the console refuses.
RawSession raw_login(unsigned short port, const std::string& user, const std::string& password);

}  // namespace loaxa::test
