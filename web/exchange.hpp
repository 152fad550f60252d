#pragma once
// A request to a web page (the hub's dashboard, the station's console) and its answer,
// without sockets: a server (hub/server.cpp, web/server.hpp) fills a WebRequest from the
// wire and writes the WebResponse back; the pages read one and make the other. Kept free of
// Beast so the pages and their tests never include it.

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace loaxa::web {

struct WebRequest {
  std::string method;  // "GET", "POST"
  std::string target;  // "/station/xa-moi?month=2026-11", as sent
  std::string host;    // the Host header
  std::string origin;  // the Origin header; empty when the browser sent none
  std::string cookie;  // the Cookie header
  std::string content_type;
  std::string body;
  std::string client_address;  // the peer's IP address, for the login rate limit
  bool tls = false;            // the connection is HTTPS (cookies get Secure)
  // Every header as sent, names in lower case (web::Server fills it; the hub's server does
  // not, its pages need only the fields above).
  std::vector<std::pair<std::string, std::string>> headers;

  // The first header of that name (any case), or "".
  std::string_view header(std::string_view name) const noexcept;
};

struct WebResponse {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // besides Content-Type
  std::string body;
  // web::Server only: instead of an answer of `body`'s length, a stream of Server-Sent
  // Events that stays open (`body` holds the first events); Server::publish() adds to it.
  bool event_stream = false;
};

// How the server hands a web request on: answer() may be called later, from the thread
// running the io_context (never from another thread), exactly once. The handler does not
// throw (it answers a failure as a 500): it runs inside the server's Asio handler.
using WebHandler = std::function<void(WebRequest request, std::function<void(WebResponse)> answer)>;

}  // namespace loaxa::web
