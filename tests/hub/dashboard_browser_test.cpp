// The dashboard end to end: a real `loaxa-hub serve` on 127.0.0.1 (a port the system picks)
// in a temporary home, two stations in two groups sending signed plays, two users added with
// `loaxa-hub user add`, and Debian's headless Chromium driven over the DevTools protocol.
// Without a session the page goes to the login and the download is refused; the browser
// fills and submits the login form, reads the table's numbers from the DOM, downloads the
// CSV (the same bytes as `loaxa-hub report --format csv`), logs out; a group user sees only
// its group's station, and another group's station page is a 404. And a login's password
// check, on its worker thread, does not hold up a station's request sent after it.

#include "hub_client.hpp"
#include "hub_fixture.hpp"
#include "hub_process.hpp"
#include "support/devtools_client.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <unistd.h>

#include <thread>

using namespace loaxa;
using namespace loaxa::hub::test;
using loaxa::test::chromium_binary;
using loaxa::test::HeadlessChromium;
using nlohmann::json;

namespace {

std::string add_station_in(const std::filesystem::path& home, const std::string& id, const std::string& group) {
  const auto result = run_hub(home, {"--json", "station", "add", id, "--name", "Xã " + id, "--group", group});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  return json::parse(result.out)["key"];
}

void add_user(const std::filesystem::path& home, const std::string& name, const std::string& password,
              const std::string& group) {
  std::vector<std::string> argv{"/bin/sh",     "-c",         "printf '%s\\n%s\\n' \"$PW\" \"$PW\" | \"$@\"",
                                "sh",          hub_binary(), "--home",
                                home.string(), "--lang",     "en",
                                "user",        "add",        name};
  if (!group.empty()) {
    argv.push_back("--group");
    argv.push_back(group);
  }
  const auto result = loaxa::test::run_process(argv, {{"PW", password}});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
}

void send_plays(unsigned short port, const std::string& station, const std::string& key, int count) {
  const auto response = loaxa::hub::test::exchange(
      port, signed_request(station, key, "/api/v1/plays", plays_body(station, station_plays(count))));
  INFO(response.body);
  REQUIRE(response.status == 200);
}

// JSON string literal for JavaScript.
std::string js(const std::string& text) {
  return json(text).dump();
}

// Fills the login form and submits it with its button.
void submit_login(HeadlessChromium& browser, const std::string& user, const std::string& password) {
  browser.evaluate("document.getElementById('user').value = " + js(user) +
                   "; document.getElementById('password').value = " + js(password) +
                   "; document.querySelector('form.login button[type=submit]').click(); true");
}

// The report table's rows as the page shows them: [class, cell text…].
json report_rows(HeadlessChromium& browser) {
  return browser.evaluate(
      "Array.from(document.querySelectorAll('#report tbody tr')).map(tr => "
      "[tr.className].concat(Array.from(tr.cells).map(td => td.textContent)))");
}

const json* row_of(const json& rows, const std::string& station, const std::string& category) {
  for (const auto& row : rows) {
    if (row[1] == station && row[4] == category) return &row;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("the dashboard in headless Chromium: login, the table's numbers, the CSV, a group user's view",
          "[hub][dashboard][browser]") {
  // scripts/setup installs Debian's chromium: without it this test fails rather than pass unseen.
  REQUIRE_FALSE(chromium_binary().empty());
  loaxa::test::TempDir home;
  const auto key_a = add_station_in(home.path(), "xa-a", "Huyện A");
  const auto key_b = add_station_in(home.path(), "xa-b", "Huyện B");
  REQUIRE(run_hub(home.path(), {"target", "set", "--category", "CDS", "--min", "3"}).exit_code == 0);
  add_user(home.path(), "an", "mật khẩu của An", "");
  add_user(home.path(), "binh", "mật khẩu của Bình", "Huyện B");

  HubProcess hub(home.path());
  // hub_fixture's plays (1–3 December 2026 in Vietnam): 12 give xa-a 3 CDS plays aired,
  // 8 give xa-b 2 — below the target of 3.
  send_plays(hub.port(), "xa-a", key_a, 12);
  send_plays(hub.port(), "xa-b", key_b, 8);
  const std::string base = "http://127.0.0.1:" + std::to_string(hub.port());

  HeadlessChromium browser(home / "chromium-profile");
  // Under the pages' own CSP (styles allowed by their hashes only) the style applies.
  browser.open(base + "/login", "/login");
  CHECK(browser.evaluate("getComputedStyle(document.querySelector('form.login')).maxWidth") == "340px");
  // The test's own fetch() calls stand for the download links; the pages' CSP (connect-src
  // 'none', as default-src) would refuse them.
  browser.call("Page.setBypassCSP", {{"enabled", true}});
  // Without a session: the page is the login, the download is refused.
  browser.open(base + "/?month=2026-12", "/login");
  CHECK(browser.evaluate("document.querySelectorAll('#report').length") == 0);
  CHECK(browser.evaluate("fetch('/report.csv?month=2026-12').then(r => r.status)") == 401);
  CHECK(browser.evaluate("fetch('/report.csv?month=2026-12').then(r => r.text())").get<std::string>().find("xa-") ==
        std::string::npos);

  // A wrong password stays on the login page, with the reason.
  submit_login(browser, "an", "sai mật khẩu");
  browser.wait_until("document.querySelector('.error')");
  CHECK(browser.evaluate("location.pathname") == "/login");

  submit_login(browser, "an", "mật khẩu của An");
  browser.wait_for_page("/");
  browser.open(base + "/?month=2026-12", "/?month=2026-12");
  auto rows = report_rows(browser);
  INFO(rows.dump());
  const auto* a_cds = row_of(rows, "xa-a", "CDS");
  const auto* b_cds = row_of(rows, "xa-b", "CDS");
  REQUIRE(a_cds != nullptr);
  REQUIRE(b_cds != nullptr);
  CHECK((*a_cds)[5] == "3");   // plays aired
  CHECK((*a_cds)[12] == "3");  // target (plays)
  CHECK((*a_cds)[0] == "");
  CHECK((*b_cds)[5] == "2");
  CHECK((*b_cds)[0] == "below");  // highlighted: below target
  const auto* a_cchc = row_of(rows, "xa-a", "CCHC");
  REQUIRE(a_cchc != nullptr);
  CHECK((*a_cchc)[5] == "0");  // CCHC: missed and interrupted, none aired
  CHECK((*a_cchc)[8] == "3");  // missed
  // The chart: a bar segment per station and category aired, named in its tooltip.
  CHECK(browser.evaluate("Array.from(document.querySelectorAll('.chart svg rect title')).map(t => t.textContent)") ==
        json::array({"xa-a CDS: 3", "xa-b CDS: 2"}));
  CHECK(browser.evaluate("document.querySelectorAll('#stations tbody tr').length") == 2);

  // The CSV from the page's link is the report's own, byte for byte.
  const auto downloaded = browser.evaluate(
      "fetch(document.getElementById('csv').getAttribute('href')).then(r => r.arrayBuffer())"
      ".then(b => Array.from(new Uint8Array(b)))");
  std::string csv;
  for (const auto& byte : downloaded) csv.push_back(static_cast<char>(byte.get<int>()));
  const auto printed = run_hub(home.path(), {"report", "--month", "2026-12", "--format", "csv"});
  REQUIRE(printed.exit_code == 0);
  CHECK(csv == printed.out);
  CHECK(browser.evaluate(
            "fetch('/report.xlsx?month=2026-12').then(r => r.status + ' ' + r.headers.get('content-type'))") ==
        "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

  // Log out with the header's button: the session is gone.
  browser.evaluate("document.querySelector('header form button').click(); true");
  browser.wait_for_page("/login");
  CHECK(browser.evaluate("fetch('/report.csv?month=2026-12').then(r => r.status)") == 401);

  // A group user: only its group's station, anywhere.
  submit_login(browser, "binh", "mật khẩu của Bình");
  browser.wait_for_page("/");
  browser.open(base + "/?month=2026-12", "/?month=2026-12");
  rows = report_rows(browser);
  CHECK(row_of(rows, "xa-b", "CDS") != nullptr);
  CHECK(row_of(rows, "xa-a", "CDS") == nullptr);
  CHECK(browser.evaluate("document.body.innerHTML.includes('xa-a')") == false);
  CHECK(browser.evaluate("fetch('/station/xa-a').then(r => r.status)") == 404);
  CHECK(browser.evaluate("fetch('/report.csv?month=2026-12').then(r => r.text())").get<std::string>().find("xa-a") ==
        std::string::npos);
  browser.open(base + "/station/xa-b", "/station/xa-b");
  CHECK(browser.evaluate("document.querySelectorAll('#plays').length") == 1);
  CHECK(browser.evaluate("document.getElementById('title').textContent") == "xa-b — Xã xa-b");
  browser.open(base + "/station/xa-a", "/station/xa-a");
  CHECK(browser.evaluate("document.querySelectorAll('#plays').length") == 0);
  CHECK(browser.evaluate("document.body.textContent.includes('Xã xa-a')") == false);
  // The report page's styles, under its real CSP again: numbers right-aligned by column.
  browser.call("Page.setBypassCSP", {{"enabled", false}});
  browser.open(base + "/?month=2026-12", "/?month=2026-12");
  CHECK(browser.evaluate("getComputedStyle(document.querySelector('#report tbody td:nth-child(5)')).textAlign") ==
        "right");
  CHECK(browser.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == "rgb(11, 79, 138)");
  CHECK(hub.stop() == 0);
}

TEST_CASE("a login's password check runs beside the stations' requests, not in their way", "[hub][dashboard][serve]") {
  loaxa::test::TempDir home;
  const auto key = add_station_in(home.path(), "xa-a", "Huyện A");
  add_user(home.path(), "an", "mật khẩu của An", "");
  HubProcess hub(home.path());
  const auto form =
      loaxa::hub::test::exchange(hub.port(), "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  REQUIRE(form.status == 200);
  // The login form's token is also its cookie's value (double submit).
  const std::string marker = "name=\"csrf\" value=\"";
  const auto at = form.body.find(marker);
  REQUIRE(at != std::string::npos);
  const auto token = form.body.substr(at + marker.size(), 32);

  // Four logins at once (as many as may wait for a check): each check takes a tenth of a
  // second or so, one after the other on the hub's one worker thread.
  const std::string body = "csrf=" + token + "&user=an&password=sai";
  const std::string login =
      "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: loaxa_login=" + token +
      "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + std::to_string(body.size()) +
      "\r\nConnection: close\r\n\r\n" + body;
  std::vector<int> logins;
  for (int i = 0; i < 4; ++i) {
    const int fd = connect_local(hub.port());
    REQUIRE(::write(fd, login.data(), login.size()) == static_cast<ssize_t>(login.size()));
    logins.push_back(fd);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the logins are read first
  // A station's batch sent after them is answered while checks are still running.
  send_plays(hub.port(), "xa-a", key, 4);
  int unanswered = 0;
  for (const int fd : logins) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) == 0) ++unanswered;
  }
  CHECK(unanswered > 0);
  for (const int fd : logins) {
    const auto raw = read_until_closed(fd, std::chrono::seconds(10));
    ::close(fd);
    REQUIRE(raw);
    CHECK(parse_response(*raw).status == 401);
  }
  CHECK(hub.stop() == 0);
}
