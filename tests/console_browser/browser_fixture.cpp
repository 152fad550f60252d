#include "browser_fixture.hpp"

namespace loaxa::test {

std::string js(const std::string& text) {
  return nlohmann::json(text).dump();
}

BrowserFixture::BrowserFixture(const std::string& time_zone) : station(time_zone) {
  station.add_user("an", kOperatorPassword, "operator");
  station.add_user("binh", kViewerPassword, "viewer");
}

void BrowserFixture::open_browser() {
  browser = std::make_unique<HeadlessChromium>(station.scratch("chromium-profile"));
  // The console's own language switch: English from here on.
  browser->open(station.url() + "/language?to=en&back=/login", "/login");
}

void BrowserFixture::submit_login(const std::string& user, const std::string& password) {
  browser->evaluate("document.querySelector('form.login input[name=user]').value = " + js(user) +
                    "; document.querySelector('form.login input[name=password]').value = " + js(password) +
                    "; document.querySelector('form.login button[type=submit]').click(); true");
}

void BrowserFixture::log_in_as_operator() {
  submit_login("an", kOperatorPassword);
  browser->wait_for_page("/");
}

void BrowserFixture::open(const std::string& path, const std::string& expected_path) {
  browser->open(station.url() + path, expected_path.empty() ? path : expected_path);
}

void BrowserFixture::choose_files(const std::string& selector, const std::vector<std::string>& files) {
  const auto document = browser->call("DOM.getDocument", {{"depth", 0}});
  const auto found =
      browser->call("DOM.querySelector", {{"nodeId", document["root"]["nodeId"]}, {"selector", selector}});
  if (found.value("nodeId", 0) == 0) throw std::runtime_error("no " + selector + " on the page");
  browser->call("DOM.setFileInputFiles", {{"files", files}, {"nodeId", found["nodeId"]}});
}

}  // namespace loaxa::test
