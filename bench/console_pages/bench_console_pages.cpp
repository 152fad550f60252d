// bench_console_pages: each page of the station console — its weight (the HTML and the CSS
// and JS it loads) and its time to first render in Debian's headless Chromium
// (bench/console_pages/run).
//
// The station: a fresh home (tests/console_browser/console_station.hpp: LOAXA_NOW fixed,
// null output), SEGMENTS one-second tones added with `loaxa segment add --approve`, a
// programme of three of them on two slots a day (05:30, 17:00, T2–T7), an operator added with
// `loaxa user add`, and two emergencies aired with `loaxa emergency` so the log has rows.
// The real loaxad serves the console on 127.0.0.1.
//
// The browser (tests/support/devtools_client.hpp) logs in through the form, turns its cache
// off (each load fetches its CSS and JS again, as a first visit does), then for each page
// ROUNDS times: about:blank, the page, and the Navigation, Resource and Paint Timing entries —
// the HTML's bytes, each stylesheet's and script's bytes, time to first byte, first
// contentful paint, DOM content loaded and load, from the navigation's start.
//
// Prints one JSON line per page, then one for the run.
//
// Usage: bench_console_pages [--rounds 7] [--segments 40]

#include "console_station.hpp"
#include "support/devtools_client.hpp"
#include "support/wav_writer.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

using namespace loaxa::test;
using nlohmann::json;

namespace {

struct Options {
  int rounds = 7;
  int segments = 40;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const int value = std::stoi(argv[i + 1]);
    if (name == "--rounds")
      o.rounds = value;
    else if (name == "--segments")
      o.segments = value;
    else
      throw std::runtime_error("unknown option " + name);
  }
  return o;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

json figures(const std::vector<double>& values) {
  return {{"median", median(values)},
          {"min", *std::min_element(values.begin(), values.end())},
          {"max", *std::max_element(values.begin(), values.end())}};
}

void fill(ConsoleStation& station, int segments) {
  std::vector<std::string> add{"segment", "add"};
  for (int i = 0; i < segments; ++i) {
    const auto file = station.scratch("ban-tin-" + std::to_string(i + 1) + ".wav");
    ToneSpec tone;
    tone.tone_s = 1.0;
    tone.frequency_hz = 300 + 20 * i;
    write_tone_wav(file, tone);
    add.push_back(file.string());
  }
  add.insert(add.end(), {"--category", "CDS", "--approve"});
  station.must_run(add);
  station.must_run(
      {"programme", "add", "Ban tin sang", "--item", "segment:1", "--item", "segment:2", "--item", "segment:3"});
  station.must_run({"slot", "add", "--programme", "Ban tin sang", "--at", "05:30,17:00", "--days", "T2-T7"});
  station.add_user("bench", "mat-khau-bench", "operator");
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const auto o = parse(argc, argv);
    ConsoleStation station;
    fill(station, o.segments);
    station.start();
    // Two plays in the log (each a second long, aired one after the other).
    for (const char* id : {"1", "2"}) {
      station.must_run({"emergency", id});
      std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    }

    HeadlessChromium browser(station.scratch("chromium-profile"));
    browser.open(station.url() + "/login", "/login");
    browser.evaluate(
        "document.querySelector('form.login input[name=user]').value = 'bench';"
        "document.querySelector('form.login input[name=password]').value = 'mat-khau-bench';"
        "document.querySelector('form.login button[type=submit]').click(); true");
    browser.wait_for_page("/");
    browser.call("Network.enable");
    browser.call("Network.setCacheDisabled", {{"cacheDisabled", true}});

    for (const std::string path : {"/", "/library", "/schedule", "/schedule/programmes", "/log", "/emergency"}) {
      std::vector<double> html, css, js, ttfb, fcp, dcl, load;
      int unpainted = 0;  // loads whose first contentful paint Chromium never reported
      for (int round = 0; round < o.rounds; ++round) {
        browser.call("Page.navigate", {{"url", "about:blank"}});
        browser.wait_until("location.href === 'about:blank'");
        browser.call("Page.navigate", {{"url", station.url() + path}});
        browser.wait_for_page(path, std::chrono::seconds(60));
        browser.wait_until("performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
        // The paint entry can come a frame after the load event.
        try {
          browser.wait_until("performance.getEntriesByType('paint').some(e => e.name === 'first-contentful-paint')",
                             std::chrono::seconds(5));
        } catch (const std::runtime_error&) {
          ++unpainted;
        }
        const auto timing = browser.evaluate(
            "(() => { const n = performance.getEntriesByType('navigation')[0];"
            " const p = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');"
            " const r = performance.getEntriesByType('resource');"
            " const sum = kind => r.filter(e => e.initiatorType === kind).reduce((a, e) => a + e.decodedBodySize, 0);"
            " return {html: n.decodedBodySize, css: sum('link'), js: sum('script'), ttfb: n.responseStart,"
            " fcp: p ? p.startTime : -1, dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd}; })()");
        html.push_back(timing["html"].get<double>());
        css.push_back(timing["css"].get<double>());
        js.push_back(timing["js"].get<double>());
        ttfb.push_back(timing["ttfb"].get<double>());
        if (timing["fcp"].get<double>() >= 0) fcp.push_back(timing["fcp"].get<double>());
        dcl.push_back(timing["dcl"].get<double>());
        load.push_back(timing["load"].get<double>());
      }
      std::cout << json{{"page", path},
                        {"rounds", o.rounds},
                        {"html_bytes", median(html)},
                        {"css_bytes", median(css)},
                        {"js_bytes", median(js)},
                        {"ttfb_ms", figures(ttfb)},
                        {"first_contentful_paint_ms", fcp.empty() ? json() : figures(fcp)},
                        {"unpainted", unpainted},
                        {"dom_content_loaded_ms", figures(dcl)},
                        {"load_ms", figures(load)}}
                       .dump()
                << std::endl;
    }
    std::cout << json{{"segments", o.segments}, {"rounds", o.rounds}}.dump() << std::endl;
    station.stop();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_console_pages: " << e.what() << '\n';
    return 1;
  }
}
