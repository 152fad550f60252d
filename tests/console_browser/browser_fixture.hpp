#pragma once
// One station with its console and one headless Chromium, for a browser test case: users
// "an" (operator) and "binh" (viewer) added with the CLI before loaxad starts, the browser
// in English (the console's language cookie) so refusals can be read.

#include "console_station.hpp"
#include "support/devtools_client.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>

namespace loaxa::test {

inline constexpr const char* kOperatorPassword = "matkhau-cua-an";
inline constexpr const char* kViewerPassword = "matkhau-cua-binh";

// A JavaScript string literal of `text`.
std::string js(const std::string& text);

struct BrowserFixture {
  explicit BrowserFixture(const std::string& time_zone = "");

  ConsoleStation station;
  std::unique_ptr<HeadlessChromium> browser;

  // Opens the browser (once loaxad runs) on the login page, in English.
  void open_browser();
  // Types into the login form's fields and clicks its button (no wait).
  void submit_login(const std::string& user, const std::string& password);
  // Logs in as the operator and waits for the Now page.
  void log_in_as_operator();
  // Page.navigate to the console's `path` and wait for the page with that path.
  void open(const std::string& path, const std::string& expected_path = "");
  // DOM.setFileInputFiles on the element `selector` (an <input type=file>).
  void choose_files(const std::string& selector, const std::vector<std::string>& files);
};

}  // namespace loaxa::test
