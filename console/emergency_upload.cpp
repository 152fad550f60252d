#include "console/emergency_upload.hpp"

#include "common/i18n.hpp"
#include "web/text.hpp"

#include <fmt/format.h>

namespace loaxa::console {

std::string emergency_upload_html(const std::vector<store::Category>& categories) {
  using web::html_escape;
  std::string out = "<section class=\"emergency-upload\" id=\"emergency-upload\"><h2>" +
                    html_escape(tr("Or air a file from this computer")) + "</h2><p class=\"muted\">" +
                    html_escape(tr("The file is imported into the library, approved, then you confirm it.")) +
                    "</p><p><label>" + html_escape(tr("Audio file")) +
                    " <input type=\"file\" id=\"emergency-file\" accept=\"audio/*,.mp3,.wav,.flac,.ogg\"></label></p>"
                    "<p><label>" +
                    html_escape(tr("Category")) + " <select id=\"emergency-category\">";
  for (const auto& category : categories) {
    out += fmt::format("<option value=\"{}\">{} — {}</option>", html_escape(category.code), html_escape(category.code),
                       html_escape(category.name));
  }
  out += "</select></label></p><p><button type=\"button\" class=\"danger\" id=\"emergency-upload-button\">" +
         html_escape(tr("Upload and continue")) + "</button></p><p id=\"emergency-upload-status\" role=\"status\" " +
         fmt::format("data-sending=\"{}\" data-failed=\"{}\" data-none=\"{}\"></p></section>",
                     html_escape(tr("Sending and measuring the file…")),
                     html_escape(tr("The upload did not reach the station. Check the connection and try again.")),
                     html_escape(tr("Choose a file first.")));
  return out;
}

// One file, sent as the raw body with the page's token; on success the page moves on to the
// confirm step of the segment it became.
const std::string_view kEmergencyScript = R"js(
(function () {
  var button = document.getElementById('emergency-upload-button');
  if (!button) return;
  var status = document.getElementById('emergency-upload-status');
  var token = document.querySelector('meta[name="csrf"]').getAttribute('content');
  button.addEventListener('click', function () {
    var input = document.getElementById('emergency-file');
    var category = document.getElementById('emergency-category').value;
    if (!input.files.length) { status.textContent = status.dataset.none; return; }
    var file = input.files[0];
    var request = new XMLHttpRequest();
    request.open('POST', '/emergency/upload?name=' + encodeURIComponent(file.name) +
                 '&category=' + encodeURIComponent(category));
    request.setRequestHeader('X-Loaxa-Token', token);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.onload = function () {
      var answer = null;
      try { answer = JSON.parse(request.responseText); } catch (e) {}
      if (answer && answer.ok) {
        window.location.href = '/emergency?segment=' + answer.segment.id;
      } else {
        button.disabled = false;
        status.className = 'notice error';
        status.textContent = (answer && (answer.error || answer.message)) || status.dataset.failed;
      }
    };
    request.onerror = function () {
      button.disabled = false;
      status.className = 'notice error';
      status.textContent = status.dataset.failed;
    };
    button.disabled = true;
    status.className = 'notice';
    status.textContent = status.dataset.sending;
    request.send(file);
  });
})();
)js";

}  // namespace loaxa::console
