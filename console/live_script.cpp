#include "console/live_script.hpp"

namespace loaxa::console {

const std::string_view kLiveScript = R"js("use strict";
// Live updates for the console's pages: see console/live_events.hpp for the events.
(function () {
  function clock(ms) {
    var s = Math.floor(ms / 1000), m = Math.floor(s / 60), h = Math.floor(m / 60);
    var two = function (n) { return (n < 10 ? "0" : "") + n; };
    s = s % 60;
    return h > 0 ? h + ":" + two(m % 60) + ":" + two(s) : m + ":" + two(s);
  }

  // Between two events the bar moves on by the second; each event brings the daemon's figures.
  var received = Date.now();
  function advance() {
    var block = document.getElementById("now-airing");
    if (!block || !block.dataset.positionMs) return;
    var ms = Number(block.dataset.positionMs) + (Date.now() - received);
    var length = Number(block.dataset.lengthMs || 0);
    if (length > 0 && ms > length) ms = length;
    var bar = block.querySelector("progress[max]");
    if (bar) bar.value = ms;
    var elapsed = block.querySelector(".now-elapsed");
    if (elapsed) elapsed.textContent = clock(ms);
  }

  // The events carry their HTML in both languages: the page's own, else Vietnamese.
  function inPageLanguage(html) {
    if (!html || typeof html === "string") return html;
    return html[document.documentElement.lang] || html.vi;
  }

  function element(html) {
    var holder = document.createElement(html.indexOf("<tr") === 0 ? "tbody" : "div");
    holder.innerHTML = html;
    return holder.firstElementChild;
  }

  function replace(id, html) {
    var old = document.getElementById(id);
    html = inPageLanguage(html);
    var fresh = html && element(html);
    if (old && fresh) old.replaceWith(fresh);
  }

  // A row belongs on the page when the days shown include it and it passes the filter.
  function belongs(table, play) {
    var d = table.dataset;
    if (d.live !== "1") return false;
    if (d.from && play.day < d.from) return false;
    if (d.to && play.day > d.to) return false;
    if (d.category && play.category !== d.category) return false;
    if (d.status && play.status !== d.status) return false;
    return true;
  }

  function showPlay(play) {
    var table = document.getElementById("log");
    if (!table) return;
    var old = table.querySelector('tr[data-play-id="' + String(Number(play.id)) + '"]');
    var html = inPageLanguage(play.html);
    var fresh = html && element(html);
    if (!fresh) return;
    if (old) {
      old.replaceWith(fresh);
    } else if (belongs(table, play)) {
      var rows = table.tBodies[0];
      var empty = rows.querySelector("tr.empty");
      if (empty) empty.remove();
      rows.insertBefore(fresh, rows.firstChild);
    }
  }

  if (!window.EventSource) return;
  var events = new EventSource("/events");
  events.addEventListener("now", function (e) {
    var data = JSON.parse(e.data);
    replace("now-airing", data.html);
    replace("emergency-banner", data.banner);
    received = Date.now();
  });
  events.addEventListener("play", function (e) { showPlay(JSON.parse(e.data)); });
  setInterval(advance, 1000);
})();
)js";

}  // namespace loaxa::console
