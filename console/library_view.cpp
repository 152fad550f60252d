#include "console/library_view.hpp"

#include "common/i18n.hpp"
#include "web/text.hpp"
#include "wording/display_text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace loaxa::console {
namespace {

using web::html_escape;
using wording::display_iso_date;

std::string hidden_csrf(const LibraryView& view) {
  return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", html_escape(view.form_token));
}

// <option>s, the one equal to `selected` marked.
std::string option_html(const std::string& value, const std::string& label, bool selected) {
  return fmt::format("<option value=\"{}\"{}>{}</option>", html_escape(value), selected ? " selected" : "",
                     html_escape(label));
}

std::string category_options(const std::vector<store::Category>& categories, const std::string& selected) {
  std::string out;
  for (const auto& c : categories) out += option_html(c.code, c.code + " – " + c.name, c.code == selected);
  return out;
}

// library.js reads its words from the section's data-* attributes (a script has no tr()).
std::string upload_html(const LibraryView& view) {
  const auto mb = static_cast<double>(view.max_upload_bytes) / (1024.0 * 1024.0);
  return fmt::format(
      "<section class=\"upload\" id=\"upload\" data-max-bytes=\"{max}\" data-too-large=\"{too_large}\" "
      "data-sending=\"{sending}\" data-measuring=\"{measuring}\" data-failed=\"{failed}\"><h2>{title}</h2>"
      "<div class=\"drop-zone\" id=\"drop-zone\"><p>{drop}</p>"
      "<label>{category} <select id=\"upload-category\">{options}</select></label> "
      "<label>{files} <input type=\"file\" id=\"upload-files\" multiple "
      "accept=\"audio/*,.wav,.mp3,.flac,.ogg,.oga,.opus,.aif,.aiff\"></label></div>"
      "<noscript><p class=\"notes\">{noscript}</p></noscript>"
      "<ul class=\"uploads\" id=\"upload-list\" aria-live=\"polite\"></ul></section>",
      fmt::arg("max", view.max_upload_bytes),
      fmt::arg("too_large", html_escape(trf("The file is larger than the {:.0f} MB the console takes "
                                            "(max_upload_mb in loaxa.toml).",
                                            mb))),
      fmt::arg("sending", html_escape(tr("Sending…"))),
      fmt::arg("measuring", html_escape(tr("Measuring the loudness…"))),
      fmt::arg("failed", html_escape(tr("The upload did not reach the station. Check the connection and try again."))),
      fmt::arg("title", html_escape(tr("Add segments"))),
      fmt::arg("drop", html_escape(tr("Drop audio files here (WAV, MP3, FLAC, Ogg), or choose them."))),
      fmt::arg("category", html_escape(tr("Category"))),
      fmt::arg("options", category_options(view.categories, view.categories.empty() ? "" : view.categories[0].code)),
      fmt::arg("files", html_escape(tr("Files"))),
      fmt::arg("noscript", html_escape(tr("Uploading needs JavaScript in this browser. Without it, add files with: "
                                          "loaxa segment add FILE --category CODE"))));
}

std::string filter_html(const LibraryView& view) {
  const auto& f = view.filter;
  std::string categories = option_html("", tr("All categories"), !f.category);
  for (const auto& c : view.categories) categories += option_html(c.code, c.code, f.category == c.code);
  const std::string approval = option_html("", tr("Approved or not"), !f.approved) +
                               option_html("yes", tr("approved"), f.approved == true) +
                               option_html("no", tr("not approved"), f.approved == false);
  std::string validity = option_html("", tr("Any validity"), !f.validity);
  for (const auto v : {Validity::now, Validity::not_yet, Validity::expired}) {
    validity += option_html(to_string(v), validity_state_words(v), f.validity == v);
  }
  return fmt::format(
      "<form method=\"get\" action=\"/library\" class=\"filters\" role=\"search\">"
      "<label>{search} <input type=\"search\" name=\"q\" value=\"{q}\" maxlength=\"200\"></label> "
      "<select name=\"category\" aria-label=\"{category}\">{categories}</select> "
      "<select name=\"approved\" aria-label=\"{approval}\">{approval_options}</select> "
      "<select name=\"validity\" aria-label=\"{valid}\">{validity_options}</select> "
      "<button type=\"submit\">{apply}</button>{clear}</form>",
      fmt::arg("search", html_escape(tr("Search titles"))), fmt::arg("q", html_escape(f.search)),
      fmt::arg("category", html_escape(tr("Category"))), fmt::arg("categories", categories),
      fmt::arg("approval", html_escape(tr("Approval"))), fmt::arg("approval_options", approval),
      fmt::arg("valid", html_escape(tr("Valid"))), fmt::arg("validity_options", validity),
      fmt::arg("apply", html_escape(tr("Filter"))),
      fmt::arg("clear", f.any() ? fmt::format(" <a href=\"/library\">{}</a>", html_escape(tr("Show all"))) : ""));
}

// The forms that change one segment; `back` keeps the list's filter across the change.
std::string actions_html(const LibraryView& view, const store::Segment& s, const std::string& back) {
  const std::string action = fmt::format("/library/segment/{}/", s.id);
  const std::string common =
      hidden_csrf(view) + fmt::format("<input type=\"hidden\" name=\"back\" value=\"{}\">", html_escape(back));
  std::string out = fmt::format(
      "<details class=\"edit\"><summary>{edit}</summary>"
      "<form method=\"post\" action=\"{action}edit\" class=\"segment-edit\">{common}"
      "<label>{title_label} <input name=\"title\" value=\"{title}\" required maxlength=\"500\"></label>"
      "<label>{category_label} <select name=\"category\">{categories}</select></label>"
      "<label>{from_label} <input type=\"date\" name=\"valid_from\" value=\"{from}\"></label>"
      "<label>{until_label} <input type=\"date\" name=\"valid_until\" value=\"{until}\"></label>"
      "<p class=\"notes\">{dates_note}</p>"
      "<button type=\"submit\">{save}</button></form></details>",
      fmt::arg("edit", html_escape(tr("Edit"))), fmt::arg("action", action), fmt::arg("common", common),
      fmt::arg("title_label", html_escape(tr("Title"))), fmt::arg("title", html_escape(s.title)),
      fmt::arg("category_label", html_escape(tr("Category"))),
      fmt::arg("categories", category_options(view.categories, s.category)),
      fmt::arg("from_label", html_escape(tr("First day"))), fmt::arg("from", html_escape(s.valid_from.value_or(""))),
      fmt::arg("until_label", html_escape(tr("Last day"))), fmt::arg("until", html_escape(s.valid_until.value_or(""))),
      fmt::arg("dates_note", html_escape(tr("Leave a day empty for no limit."))),
      fmt::arg("save", html_escape(tr("Save"))));
  if (!s.approved) {
    out += fmt::format(
        "<form method=\"post\" action=\"{}approve\" class=\"inline\">{}<button type=\"submit\">{}</button></form>",
        action, common, html_escape(tr("Approve")));
  }
  out += fmt::format(
      "<form method=\"post\" action=\"{}remove\" class=\"inline\" data-confirm=\"{}\">{}"
      "<button type=\"submit\" class=\"danger\">{}</button></form>",
      action, html_escape(trf("Remove segment {} \"{}\" and its file?", s.id, s.title)), common,
      html_escape(tr("Remove")));
  return out;
}

std::string row_html(const LibraryView& view, const store::Segment& s, const std::string& back) {
  const auto validity = validity_on(s, view.today);
  std::string state;
  if (validity != Validity::now || s.valid_from || s.valid_until) {
    state = fmt::format(" <span class=\"validity-{}\">({})</span>", to_string(validity),
                        html_escape(validity_state_words(validity)));
  }
  return fmt::format(
      "<tr id=\"segment-{id}\" class=\"{row_class}\"><td>{title}</td><td>{category}</td><td "
      "class=\"num\">{duration}</td>"
      "<td class=\"num\">{loudness}</td><td>{validity}{state}</td><td>{approval}</td>"
      "<td><audio controls preload=\"none\" src=\"/library/audio/{id}\"></audio></td>{actions}</tr>",
      fmt::arg("id", s.id), fmt::arg("row_class", s.approved ? "approved" : "not-approved"),
      fmt::arg("title", html_escape(s.title)), fmt::arg("category", html_escape(s.category)),
      fmt::arg("duration", html_escape(wording::display_duration(s.duration_ms))),
      fmt::arg("loudness", html_escape(loudness_words(s))), fmt::arg("validity", html_escape(validity_words(s))),
      fmt::arg("state", state), fmt::arg("approval", html_escape(wording::approval_text(s.approved))),
      fmt::arg("actions", view.may_change ? "<td class=\"actions\">" + actions_html(view, s, back) + "</td>" : ""));
}

}  // namespace

std::string filter_query(const LibraryFilter& filter) {
  std::string out;
  const auto add = [&out](const char* name, const std::string& value) {
    out += (out.empty() ? "" : "&") + std::string(name) + "=" + web::url_encode(value);
  };
  if (!filter.search.empty()) add("q", filter.search);
  if (filter.category) add("category", *filter.category);
  if (filter.approved) add("approved", *filter.approved ? "yes" : "no");
  if (filter.validity) add("validity", to_string(*filter.validity));
  return out;
}

std::string validity_words(const store::Segment& s) {
  if (s.valid_from && s.valid_until) {
    return fmt::format("{} – {}", display_iso_date(*s.valid_from), display_iso_date(*s.valid_until));
  }
  if (s.valid_from) return trf("from {}", display_iso_date(*s.valid_from));
  if (s.valid_until) return trf("until {}", display_iso_date(*s.valid_until));
  return tr("always");
}

std::string validity_state_words(Validity validity) {
  switch (validity) {
    case Validity::now:
      return tr("valid now");
    case Validity::expired:
      return tr("expired");
    case Validity::not_yet:
      return tr("not valid yet");
  }
  return "";
}

std::string loudness_words(const store::Segment& s) {
  return fmt::format("{:.1f} LUFS", s.loudness_lufs);
}

std::string library_body_html(const LibraryView& view) {
  std::string out;
  if (!view.notice.empty()) out += fmt::format("<p class=\"notice\" role=\"status\">{}</p>", html_escape(view.notice));
  if (view.may_change) out += upload_html(view);
  out += filter_html(view);

  const std::string back = filter_query(view.filter);
  std::string rows;
  std::size_t shown = 0;
  for (const auto& s : view.segments) {
    if (!matches(s, view.filter, view.today)) continue;
    rows += row_html(view, s, back);
    ++shown;
  }
  if (view.segments.empty()) {
    out += fmt::format("<p class=\"notes\" id=\"library-count\">{}</p>",
                       html_escape(tr("The library has no segments yet.")));
  } else {
    out += fmt::format("<p class=\"notes\" id=\"library-count\">{}</p>",
                       html_escape(trf("{} of {} segments", shown, view.segments.size())));
  }
  out += fmt::format(
      "<div class=\"scroll\"><table id=\"segments\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th>{}</tr></thead><tbody>{}</tbody></table></div>",
      html_escape(tr("Title")), html_escape(tr("Category")), html_escape(tr("Duration")), html_escape(tr("Loudness")),
      html_escape(tr("Valid")), html_escape(tr("Approval")), html_escape(tr("Listen")),
      view.may_change ? fmt::format("<th>{}</th>", html_escape(tr("Changes"))) : "", rows);
  return out;
}

}  // namespace loaxa::console
