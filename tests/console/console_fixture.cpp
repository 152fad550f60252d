#include "console_fixture.hpp"

#include "web/csrf.hpp"
#include "web/password_hash.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

namespace loaxa::test {

Signed sign_in(station::Station& station, const std::string& name, station::UserRole role) {
  station::add_user(station, name, role, "mật khẩu dài đủ");
  const auto secret = web::random_hex(32);
  const auto at = station.clock().now();
  station::add_session(station, {web::digest_hex(secret), name, at, at});
  return {std::string(console::kSessionCookie) + "=" + secret, web::session_form_token(secret)};
}

Home console_home(const TempDir& dir, const std::string& zone) {
  std::filesystem::create_directories(dir / "home");
  std::ofstream(dir / "home" / "loaxa.toml") << "[station]\ntime_zone = \"" << zone << "\"\n";
  return Home{dir / "home", HomeSource::option};
}

web::WebResponse answer_of(console::Console& console, web::WebRequest request) {
  std::optional<web::WebResponse> answer;
  console.handle(std::move(request), [&answer](web::WebResponse response) { answer = std::move(response); });
  REQUIRE(answer);
  return *answer;
}

}  // namespace loaxa::test
