// /static/library.js: the Library page's upload (drag and drop or the file picker, one
// request per file with its own progress bar, each refusal with its reason) and the question
// before a removal. The page reads and changes without it; the CSP allows no inline script.

#include "console/library_handlers.hpp"

namespace loaxa::console {

const std::string_view kLibraryScript = R"js("use strict";
(function () {
  var token = (document.querySelector('meta[name="csrf"]') || {}).content || "";

  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  var section = document.getElementById("upload");
  if (!section) return;
  var words = section.dataset;
  var maxBytes = Number(words.maxBytes) || 0;
  var list = document.getElementById("upload-list");
  var picker = document.getElementById("upload-files");
  var zone = document.getElementById("drop-zone");
  var category = document.getElementById("upload-category");
  var queue = [];
  var sending = false;

  function item(file) {
    var li = document.createElement("li");
    var name = document.createElement("span");
    name.className = "file-name";
    name.textContent = file.name;
    var bar = document.createElement("progress");
    bar.max = 100;
    bar.value = 0;
    var status = document.createElement("span");
    status.className = "upload-status";
    li.append(name, " ", bar, " ", status);
    list.append(li);
    return { li: li, bar: bar, status: status };
  }

  function finish(entry, ok, text) {
    entry.bar.value = 100;
    entry.li.className = ok ? "uploaded" : "refused";
    entry.status.textContent = text;
    sending = false;
    next();
  }

  // A new segment's row at the top of the list: the text the server worded, no actions
  // (they come with the next load of the page).
  function addRow(segment) {
    var body = document.querySelector("#segments tbody");
    if (!body || document.getElementById("segment-" + segment.id)) return;
    var tr = document.createElement("tr");
    tr.id = "segment-" + segment.id;
    [segment.title, segment.category, segment.duration, segment.loudness, segment.validity, segment.approval]
      .forEach(function (text) {
        var td = document.createElement("td");
        td.textContent = text;
        tr.append(td);
      });
    var listen = document.createElement("td");
    var audio = document.createElement("audio");
    audio.controls = true;
    audio.preload = "none";
    audio.src = "/library/audio/" + segment.id;
    listen.append(audio);
    tr.append(listen);
    body.prepend(tr);
  }

  function send(job) {
    var entry = job.entry;
    if (maxBytes > 0 && job.file.size > maxBytes) return finish(entry, false, words.tooLarge);
    sending = true;
    entry.status.textContent = words.sending;
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/library/upload?name=" + encodeURIComponent(job.file.name) +
      "&category=" + encodeURIComponent(job.category));
    xhr.setRequestHeader("X-Loaxa-Token", token);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) entry.bar.value = Math.floor(99 * event.loaded / event.total);
    };
    xhr.upload.onload = function () {
      entry.bar.removeAttribute("value");  // indeterminate while the station measures it
      entry.status.textContent = words.measuring;
    };
    xhr.onload = function () {
      var answer = null;
      try { answer = JSON.parse(xhr.responseText); } catch (e) { answer = null; }
      if (answer && answer.ok) {
        addRow(answer.segment);
        return finish(entry, true, answer.message);
      }
      // The console's own refusals (no session, not an operator) carry a title and a text.
      if (answer && answer.error) {
        return finish(entry, false, answer.message ? answer.error + ": " + answer.message : answer.error);
      }
      finish(entry, false, xhr.status === 413 ? words.tooLarge : words.failed + " (HTTP " + xhr.status + ")");
    };
    xhr.onerror = function () { finish(entry, false, words.failed); };
    xhr.send(job.file);
  }

  function next() {
    if (sending || queue.length === 0) return;
    send(queue.shift());
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) {
      queue.push({ file: file, category: category.value, entry: item(file) });
    });
    next();
  }

  picker.addEventListener("change", function () {
    add(picker.files);
    picker.value = "";
  });
  zone.addEventListener("dragover", function (event) {
    event.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", function () { zone.classList.remove("dragging"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("dragging");
    if (event.dataTransfer && event.dataTransfer.files) add(event.dataTransfer.files);
  });
})();
)js";

}  // namespace loaxa::console
