#pragma once
// The district culture office's web pages (issue 9 item 4), behind a login:
//   GET  /login, POST /login, POST /logout     — the session (cookies, CSRF, rate limit)
//   GET  /?month=YYYY-MM                       — the month's report: table, chart, last contacts
//   GET  /station/ID?month=YYYY-MM             — a station's plays of the last 7 days
//   GET  /report.csv?month=…, /report.xlsx?month=… — the table to download
//   GET  /mandates, /mandate/ID                — the district bulletins and the mandate view
// Without a valid session a page answers 303 to /login and a download 401, never data. A
// user limited to a group sees only its stations everywhere (viewer.hpp); another group's
// station page is a 404, as one that does not exist.
//
// The numbers are the report's own (build_frequency_report, frequency_sheet, render_csv,
// render_xlsx): this class parses requests, asks the rules (session_rules, login_limiter,
// csrf, viewer) and lays out the answer.
//
// Checking a password costs about 0.1 s of CPU and 64 MiB (password_hash.hpp): it runs
// through `offload`, which the server gives a worker thread so the io thread keeps
// answering the stations meanwhile; the result comes back on the io thread. At most
// kMaxLoginsInFlight are checked at once, the next ones are told to try again.
//
// Thread safety: handle() and every answer on the thread running the server's io_context
// (which owns the stores); `offload`'s work runs elsewhere and touches no store.

#include "common/clock.hpp"
#include "hub/account_store.hpp"
#include "hub/frequency_report.hpp"
#include "hub/hub_store.hpp"
#include "hub/month_close_signature.hpp"
#include "hub/month_close_store.hpp"
#include "hub/viewer.hpp"
#include "schedules/time_zone.hpp"
#include "web/exchange.hpp"
#include "web/login_limiter.hpp"
#include "web/session_rules.hpp"
#include "web/sign_in.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace loaxa::hub {

// Runs `work` (on another thread), then `then` on the io thread.
using Offload = web::Offload;

// Runs both at once, in order: for tests and tools without an io thread.
void offload_inline(std::function<void()> work, std::function<void()> then);

struct DashboardOptions {
  std::string time_zone = "Asia/Ho_Chi_Minh";
  web::SessionPolicy sessions;
  web::LoginLimitPolicy logins;
  std::chrono::minutes silent_after{72 * 60};
  std::chrono::days station_days{7};  // the station page's plays: this many days up to today
};

// Where closed months are kept (month_close.hpp): a closed month's page and downloads are its
// signed snapshot, with the plays that arrived after the close counted apart, as `loaxa-hub
// report` prints it. Both null: every month is counted live.
struct ClosedMonths {
  MonthCloseStore* store = nullptr;
  const MonthCloseSigner* signer = nullptr;
};

inline constexpr int kMaxLoginsInFlight = 4;
inline constexpr const char* kSessionCookie = "loaxa_session";
inline constexpr const char* kLoginCookie = "loaxa_login";

class Dashboard {
 public:
  // The stores and the clock must outlive the Dashboard.
  Dashboard(HubStore& hub, AccountStore& accounts, const Clock& clock, Offload offload, DashboardOptions options = {},
            ClosedMonths closed = {});

  // A WebHandler: answers every request exactly once; never throws (a failure is a 500).
  void handle(web::WebRequest request, std::function<void(web::WebResponse)> answer);

 private:
  struct Signed {
    std::string secret;
    std::string digest;
    Viewer viewer;
  };
  std::optional<Signed> signed_in(const web::WebRequest& request);
  web::WebResponse login_form(const web::WebRequest& request, const std::string& user, const std::string& message,
                              int status);
  void login(const web::WebRequest& request, std::function<void(web::WebResponse)> answer);
  web::WebResponse logout(const web::WebRequest& request);
  web::WebResponse report_page(const web::WebRequest& request, const Signed& who);
  web::WebResponse station_page(const web::WebRequest& request, const Signed& who, const std::string& id);
  web::WebResponse download(const web::WebRequest& request, const Signed& who, bool xlsx);
  // District bulletins (docs/MANDATES.md): a group's user sees the mandates addressed to one
  // of its stations, and only its stations' lines.
  web::WebResponse mandates_page(const Signed& who);
  web::WebResponse mandate_page(const Signed& who, const std::string& id);
  // The month as the viewer may see it: live, or a closed month's snapshot. Throws
  // MonthCloseError (tampered) for a snapshot that fails its signature: never shown.
  struct MonthView {
    FrequencyReport report;
    std::optional<Instant> closed_at;
    std::int64_t late_plays = 0;  // of the month, received after the close
  };
  MonthView month_report(const Viewer& viewer, const Period& period, Instant now);

  HubStore& hub_;
  AccountStore& accounts_;
  const Clock& clock_;
  Offload offload_;
  DashboardOptions options_;
  ClosedMonths closed_;
  schedules::TimeZone zone_;
  web::Login login_;
};

// The headers every dashboard answer carries (Content-Security-Policy with the page's
// styles' hashes, nosniff, no-store, …).
void add_security_headers(web::WebResponse& response);

}  // namespace loaxa::hub
