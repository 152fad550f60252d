// The station console end to end: a real loaxad (null output, a temporary home, LOAXA_NOW
// fixed) serving its console, and Debian's headless Chromium driven over the DevTools
// protocol (tests/support/devtools_client.hpp). The browser types into the forms and clicks
// their buttons; the page's own scripts upload and listen for live events. What the pages
// changed is checked with the CLI (`loaxa … --json`), the station's own view.

#include "browser_fixture.hpp"
#include "support/files.hpp"
#include "support/wav_writer.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace loaxa::test;
using nlohmann::json;

namespace {

// The shared test segments when this checkout has them (../shared is not in a fresh clone).
std::filesystem::path shared_segment(const std::string& name) {
  const auto file = std::filesystem::path(LOAXA_SOURCE_DIR) / ".." / "shared" / "data" / "segments" / name;
  // Without "..": Chromium will not read a chosen file by a path that climbs (its upload fails).
  return std::filesystem::exists(file) ? std::filesystem::canonical(file) : std::filesystem::path();
}

std::string text_of(HeadlessChromium& browser, const std::string& selector) {
  return browser.evaluate("(document.querySelector(" + js(selector) + ") || {}).textContent || ''").get<std::string>();
}

}  // namespace

TEST_CASE("console in Chromium: the login form lands on the Now page, a wrong password is refused",
          "[console][browser]") {
  REQUIRE_FALSE(chromium_binary().empty());  // scripts/setup installs it: no silent pass without
  BrowserFixture f;
  f.station.start();
  f.open_browser();

  // Any page without a session is the login.
  f.open("/library", "/login");

  f.submit_login("an", "not-the-password");
  f.browser->wait_until("document.querySelector('p.error[role=alert]')");
  CHECK(f.browser->evaluate("location.pathname") == "/login");
  CHECK_FALSE(text_of(*f.browser, "p.error").empty());
  // The name typed stays in the form; the password does not.
  CHECK(f.browser->evaluate("document.querySelector('form.login input[name=user]').value") == "an");
  CHECK(f.browser->evaluate("document.querySelector('form.login input[name=password]').value") == "");

  f.log_in_as_operator();
  CHECK(f.browser->evaluate("document.querySelectorAll('#now-airing').length") == 1);
  CHECK(f.browser->evaluate("document.documentElement.lang") == "en");
  CHECK(text_of(*f.browser, "header .who").find("an") != std::string::npos);
  // Every page of the nav opens in the session.
  for (const char* path : {"/library", "/schedule", "/log", "/emergency"}) {
    INFO(path);
    f.open(path);
    CHECK(f.browser->evaluate("document.querySelectorAll('header.top nav a').length") == 5);
  }
  CHECK(f.station.stop() == 0);
}

TEST_CASE("console in Chromium: Library uploads a file through the page and shows a corrupt one's reason",
          "[console][browser]") {
  REQUIRE_FALSE(chromium_binary().empty());
  BrowserFixture f;
  f.station.start();
  f.open_browser();
  f.log_in_as_operator();
  f.open("/library");

  const auto good = f.station.scratch("ban-tin-thu.wav");
  write_tone_wav(good, ToneSpec{48000, 1, 0.2, 1.5, 0.2, 997, -20});
  const auto corrupt = f.station.scratch("hong.mp3");  // text named .mp3
  write_bytes(corrupt, "Day khong phai am thanh, chi la chu.\n");
  std::vector<std::string> files{good.string(), corrupt.string()};
  const auto mp3 = shared_segment("cds-02-dich-vu-cong.mp3");
  if (!mp3.empty()) files.push_back(mp3.string());

  f.browser->evaluate("document.getElementById('upload-category').value = 'CDS'; true");
  f.choose_files("#upload-files", files);
  // One row per file in the page's list, each ending uploaded or refused.
  f.browser->wait_until("document.querySelectorAll('#upload-list li.uploaded, #upload-list li.refused').length === " +
                            std::to_string(files.size()),
                        std::chrono::seconds(30));
  const auto rows = f.browser->evaluate(
      "Array.from(document.querySelectorAll('#upload-list li')).map(li => [li.className, "
      "li.querySelector('.file-name').textContent, li.querySelector('.upload-status').textContent])");
  INFO(rows.dump(1));
  REQUIRE(rows.size() == files.size());
  CHECK(rows[0][0] == "uploaded");
  CHECK(rows[0][1] == "ban-tin-thu.wav");
  CHECK(rows[1][0] == "refused");
  CHECK(rows[1][1] == "hong.mp3");
  // The refusal is the station's reason, not the page's generic "failed (HTTP …)".
  const auto reason = rows[1][2].get<std::string>();
  CHECK_FALSE(reason.empty());
  CHECK(reason.find("HTTP") == std::string::npos);
  CHECK(reason.find("hong.mp3") != std::string::npos);
  if (!mp3.empty()) CHECK(rows[2][0] == "uploaded");

  // The new segments in the table at once, and in the library after a reload.
  const auto listed = f.station.json({"segment", "list"});
  INFO(listed.dump(1));
  REQUIRE(listed.size() == files.size() - 1);
  const auto id = listed[0].at("id").get<std::int64_t>();
  CHECK(f.browser->evaluate("document.querySelectorAll('#segment-" + std::to_string(id) + "').length") == 1);
  f.open("/library");
  CHECK(f.browser->evaluate("document.querySelectorAll('#segments tbody tr[id^=segment-]').length") ==
        static_cast<int>(listed.size()));
  CHECK(text_of(*f.browser, "#segments").find("ban-tin-thu") != std::string::npos);
  CHECK(f.station.stop() == 0);
}

TEST_CASE("console in Chromium: Schedule adds a slot through the form and the week grid shows it",
          "[console][browser]") {
  REQUIRE_FALSE(chromium_binary().empty());
  BrowserFixture f;
  const auto tone = f.station.scratch("tone.wav");
  write_test_tone(tone, 2.0);
  const auto segment = f.station.add_segment(tone, "CDS", true);
  f.station.must_run({"programme", "add", "Ban tin sang", "--item", "segment:" + std::to_string(segment)});
  f.station.start();
  f.open_browser();
  f.log_in_as_operator();
  f.open("/schedule");
  CHECK(text_of(*f.browser, ".week-grid").find("Ban tin sang") == std::string::npos);

  f.browser->evaluate(
      "(() => { const form = document.querySelector('form.slot-form');"
      " form.querySelector('select[name=programme]').selectedIndex = "
      "   Array.from(form.querySelector('select[name=programme]').options).findIndex(o => o.text.includes('Ban tin "
      "sang'));"
      " form.querySelector('input[name=times]').value = '17:30';"
      " form.querySelector('input[name=weekdays]').value = 'T2-T7';"
      " form.querySelector('button[formaction=\"/schedule/slots\"]').click(); return true; })()");
  // Saved: back on the week (the fixed today's: Monday 22 March 2027) with the slot in it.
  f.browser->wait_until("location.pathname === '/schedule' && location.search === '?week=2027-03-22'");
  const auto cells = f.browser->evaluate(
      "Array.from(document.querySelectorAll('.week-grid tbody tr')).filter(tr => tr.cells[0].textContent === "
      "'17:00').map(tr => Array.from(tr.cells).slice(1).map(td => td.textContent))");
  INFO(cells.dump(1));
  REQUIRE(cells.size() == 1);
  // Wednesday (today) to Saturday air; Sunday does not (T2–T7); Monday and Tuesday were before the slot.
  for (int day = 2; day <= 5; ++day) CHECK(cells[0][day].get<std::string>().find("Ban tin sang") != std::string::npos);
  CHECK(cells[0][6] == "");
  const auto slots = f.station.json({"slot", "list"});
  INFO(slots.dump(1));
  CHECK(slots.size() == 1);
  CHECK(f.station.stop() == 0);
}

TEST_CASE("console in Chromium: Emergency picks a segment, confirms, and the Log page shows the play",
          "[console][browser]") {
  REQUIRE_FALSE(chromium_binary().empty());
  BrowserFixture f;
  const auto tone = f.station.scratch("canh-bao.wav");
  write_test_tone(tone, 2.0);
  const auto segment = f.station.add_segment(tone, "CDS", true);
  f.station.start();
  f.open_browser();
  f.log_in_as_operator();
  f.open("/emergency");
  f.browser->evaluate("document.querySelector('form[action=\"/emergency\"] select[name=segment]').value = " +
                      js(std::to_string(segment)) +
                      "; document.querySelector('form[action=\"/emergency\"] button[type=submit]').click(); true");
  // The question first: nothing airs until it is answered.
  f.browser->wait_until("document.querySelector('section.emergency.confirm')");
  CHECK(f.station.json({"log"}).empty());
  f.browser->evaluate("document.querySelector('section.emergency.confirm button.danger').click(); true");
  // On air: back on the Now page, under the banner.
  f.browser->wait_for_page("/");
  f.browser->wait_until("document.querySelector('#emergency-banner:not([hidden])')", std::chrono::seconds(10));

  // The play in the as-run log, as an emergency (its row written when it starts).
  bool logged = false;
  for (int i = 0; i < 30 && !logged; ++i) {
    f.open("/log");
    logged = f.browser->evaluate("!!document.querySelector('#log tr.level-emergency')") == true;
    if (!logged) std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  REQUIRE(logged);
  CHECK(text_of(*f.browser, "#log tr.level-emergency").find("canh-bao") != std::string::npos);
  CHECK(f.station.stop() == 0);
}

TEST_CASE("console in Chromium: an emergency started with the CLI shows on the open Now page without a reload",
          "[console][browser]") {
  REQUIRE_FALSE(chromium_binary().empty());
  BrowserFixture f;
  const auto tone = f.station.scratch("khan-cap.wav");
  write_test_tone(tone, 3.0);
  const auto segment = f.station.add_segment(tone, "CDS", true);
  f.station.start();
  f.open_browser();
  f.log_in_as_operator();
  // A mark a reload would wipe; the live events' stream open before the CLI acts.
  f.browser->evaluate("window.notReloaded = true; true");
  CHECK(f.browser->evaluate("document.querySelector('#emergency-banner').hidden") == true);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));

  f.station.must_run({"emergency", std::to_string(segment)});
  f.browser->wait_until(
      "document.querySelector('#now-airing.level-emergency') && "
      "document.querySelector('#emergency-banner:not([hidden])')",
      std::chrono::seconds(10));
  CHECK(f.browser->evaluate("window.notReloaded === true") == true);
  CHECK(text_of(*f.browser, "#now-airing").find("khan-cap") != std::string::npos);
  CHECK(f.station.stop() == 0);
}
