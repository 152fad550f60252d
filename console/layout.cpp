#include "console/layout.hpp"

#include "common/i18n.hpp"
#include "console/emergency_banner.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace loaxa::console {
namespace {

std::string head(std::string_view title, std::string_view token, std::initializer_list<std::string_view> scripts) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>{} · loaxa</title><link rel=\"icon\" href=\"data:,\">"
      "<link rel=\"stylesheet\" href=\"/static/console.css\">",
      current_language() == Language::en ? "en" : "vi", web::html_escape(title));
  if (!token.empty()) out += fmt::format("<meta name=\"csrf\" content=\"{}\">", web::html_escape(token));
  for (const auto script : scripts) {
    out += fmt::format("<script src=\"{}\" defer></script>", web::html_escape(script));
  }
  out += "</head>";
  return out;
}

// The emergency banner from what the daemon says now; when it cannot say (the loop is
// busy), the banner's empty place, which the live updates fill.
std::string banner(const Visit& visit) {
  try {
    return emergency_banner(visit.context.daemon.status());
  } catch (const std::exception&) {
    return emergency_banner(control::DaemonStatus{});
  }
}

}  // namespace

std::string csrf_field(const Visit& visit) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", web::html_escape(visit.visitor.form_token));
}

std::string bare_page(std::string_view title, std::string_view body_html) {
  return head(title, "", {}) + "<body class=\"bare\"><main>" + std::string(body_html) + "</main></body></html>\n";
}

std::string page(const Visit& visit, std::string_view nav, std::string_view title, std::string_view body_html,
                 std::initializer_list<std::string_view> scripts) {
  const std::array<std::pair<std::string_view, const char*>, 5> entries{{{"/", tr("Now playing")},
                                                                         {"/library", tr("Library")},
                                                                         {"/schedule", tr("Schedule")},
                                                                         {"/log", tr("As-run log")},
                                                                         {"/emergency", tr("Emergency")}}};
  std::string out = head(title, visit.visitor.form_token, scripts);
  out += "<body><header class=\"top\"><a class=\"brand\" href=\"/\">loaxa</a><nav>";
  for (const auto& [path, label] : entries) {
    out += fmt::format("<a href=\"{}\"{}{}>{}</a>", path, path == nav ? " aria-current=\"page\"" : "",
                       path == "/emergency" ? " class=\"nav-emergency\"" : "", web::html_escape(label));
  }
  const auto back = web::url_encode(web::target_path(visit.request.target));
  const bool english = current_language() == Language::en;
  out += fmt::format(
      "</nav><div class=\"who\"><span>{} ({})</span>"
      "<a class=\"lang\" href=\"/language?to={}&amp;back={}\">{}</a>"
      "<form method=\"post\" action=\"/logout\">{}<button type=\"submit\">{}</button></form></div></header>",
      web::html_escape(visit.visitor.user),
      web::html_escape(visit.visitor.role == Role::operator_ ? tr("operator") : tr("viewer")), english ? "vi" : "en",
      back, english ? "Tiếng Việt" : "English", csrf_field(visit), web::html_escape(tr("Log out")));
  out += banner(visit);
  out += "<main>";
  out += body_html;
  out += "</main></body></html>\n";
  return out;
}

}  // namespace loaxa::console
