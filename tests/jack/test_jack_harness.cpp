#include "jack_server.hpp"
#include "onset_recorder.hpp"

#include <catch2/catch.hpp>

#include <jack/jack.h>

#include <string>

using loaxa::test::JackServer;
using loaxa::test::OnsetRecorder;

namespace {

bool can_connect(const std::string& server) {
  jack_status_t status{};
  jack_client_t* client = jack_client_open(
      "loaxa-check", static_cast<jack_options_t>(JackNoStartServer | JackServerName), &status, server.c_str());
  if (client == nullptr) return false;
  jack_client_close(client);
  return true;
}

}  // namespace

TEST_CASE("a dummy JACK server accepts clients while it lives and is gone after", "[jack]") {
  std::string name;
  {
    JackServer server(256);
    name = server.name();
    CHECK(can_connect(name));
    OnsetRecorder recorder(name, 0.1f);
    CHECK(recorder.listen_to_sources_of("system:playback_1") == 0);  // nothing plays yet
    CHECK(recorder.sink_latency_frames() > 0);
    CHECK_FALSE(recorder.onset().has_value());
  }
  CHECK_FALSE(can_connect(name));
}

TEST_CASE("two servers run side by side under their own names", "[jack]") {
  JackServer first(256);
  JackServer second(1024);
  CHECK(first.name() != second.name());
  CHECK(can_connect(first.name()));
  CHECK(can_connect(second.name()));
}
