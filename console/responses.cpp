#include "console/responses.hpp"

#include "common/i18n.hpp"
#include "console/layout.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

namespace loaxa::console {

web::WebResponse html(int status, std::string body) {
  web::WebResponse response;
  response.status = status;
  response.body = std::move(body);
  return response;
}

web::WebResponse json(int status, std::string body) {
  web::WebResponse response;
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(body);
  return response;
}

web::WebResponse redirect(const std::string& to) {
  web::WebResponse response;
  response.status = 303;
  response.headers.emplace_back("Location", to);
  return response;
}

bool wants_json(const web::WebRequest& request) {
  return !request.header("x-loaxa-token").empty() ||
         request.header("accept").find("application/json") != std::string_view::npos;
}

std::string json_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
        } else if (c == '<') {
          out += "\\u003c";  // never "</script>" inside a page
        } else {
          out += c;
        }
    }
  }
  out += '"';
  return out;
}

web::WebResponse problem(const web::WebRequest& request, int status, const std::string& title,
                         const std::string& text) {
  if (wants_json(request)) {
    return json(status,
                fmt::format(R"({{"ok":false,"error":{},"message":{}}})", json_string(title), json_string(text)));
  }
  return problem(status, title, text);
}

web::WebResponse problem(int status, const std::string& title, const std::string& text) {
  return html(status,
              bare_page(title, "<h1>" + web::html_escape(title) + "</h1><p>" + web::html_escape(text) +
                                   "</p><p><a href=\"/\">" + web::html_escape(tr("Back to the console")) + "</a></p>"));
}

}  // namespace loaxa::console
