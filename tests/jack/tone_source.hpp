#pragma once
// A line-in for the end-to-end tests: a JACK client of its own ("tone-source") with one
// output port "out" playing a steady sine, as a receiver's audio would arrive on a station's
// line input. loaxad captures it for a relay through `jack:tone-source:out`.
//
// Thread safety: construct and destroy on one thread; the process callback is JACK's.
// Throws std::runtime_error when the client cannot open.
#include <jack/jack.h>

#include <string>

namespace loaxa::test {

class ToneSource {
 public:
  ToneSource(const std::string& server, double frequency_hz, double level_dbfs);
  ~ToneSource();
  ToneSource(const ToneSource&) = delete;
  ToneSource& operator=(const ToneSource&) = delete;

  // "tone-source:out"
  std::string port() const;

 private:
  static int process(jack_nframes_t frames, void* self) noexcept;

  jack_client_t* client_ = nullptr;
  jack_port_t* out_ = nullptr;
  double step_;  // radians per frame
  float amplitude_;
  double phase_ = 0.0;
};

}  // namespace loaxa::test
