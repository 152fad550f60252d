#include "audio/portaudio_output.hpp"

#include "audio/output_error.hpp"

#include <pa_jack.h>
#include <portaudio.h>

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <string_view>
#include <thread>

namespace loaxa::audio {

using Kind = OutputError::Kind;
using Clock = Pacer::Clock;

namespace {

// How far ahead of the device write() may run: the ring's size. The queued frames are
// counted in next_frame_time(), so this adds pre-roll, not error.
constexpr double kRingSeconds = 0.2;
// A device that takes no frame for this long is gone (a card unplugged, a JACK server
// stopped); one slice of waiting is much shorter so a lost stream is noticed early.
constexpr auto kStallLimit = std::chrono::seconds(2);
constexpr auto kWaitSlice = std::chrono::milliseconds(100);
// A writer waiting for room is woken once this much of the ring is free, not at every
// callback: with a 1024-frame JACK period that is a wake-up every third period instead of
// every one, and the ring still holds 150 ms when it wakes — far more than any host's period.
constexpr double kWakeRoomSeconds = 0.05;

std::int64_t to_ns(Clock::time_point t) noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
}

Clock::time_point from_ns(std::int64_t ns) noexcept {
  return Clock::time_point(std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(ns)));
}

std::int64_t frames_ns(std::int64_t frames, int rate) noexcept {
  return frames * 1'000'000'000LL / rate;
}

// Sleeps while *word == expected, at most `timeout`; a futex, so the callback's wake is one
// system call and no lock. Spurious returns are harmless: every caller re-checks.
void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected, std::chrono::nanoseconds timeout) noexcept {
  timespec ts{};
  ts.tv_sec = static_cast<time_t>(timeout.count() / 1'000'000'000);
  ts.tv_nsec = static_cast<long>(timeout.count() % 1'000'000'000);
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT_PRIVATE, expected, &ts, nullptr, 0);
}

void futex_wake(std::atomic<std::uint32_t>& word) noexcept {
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

std::string pa_words(PaError error) {
  std::string words = Pa_GetErrorText(error);
  if (error == paUnanticipatedHostError) {
    if (const PaHostErrorInfo* info = Pa_GetLastHostErrorInfo(); info && info->errorText && *info->errorText)
      words += std::string(": ") + info->errorText;
  }
  return words;
}

}  // namespace

// What the callback shares with the audio thread: the ring, a progress counter the writer
// sleeps on, and the latest timing anchor, published under a sequence lock (the callback
// writes, the reader retries on a torn read) so nothing ever waits for the callback.
//
// The callback also keeps the timeline it promised: frame n of the ring (n counted from
// open, dropped frames included) is heard at `origin + n / rate`, which is what
// next_frame_time() tells the writer. A host that skips a cycle of ours (a JACK xrun: the
// sink played a period we never filled) makes every queued frame late by that period; a
// callback woken late makes one anchor look late without anything being late. So the
// lateness of each buffer (when its first frame is heard, by the host's DAC time, minus the
// promise) is taken as the minimum over a window of callbacks — a late wake-up only raises
// one of them, a skipped cycle raises them all — and then corrected in silence only: a late
// timeline drops that many queued silent frames, an early one plays that many silent frames
// more, and only while the output is silent already, so audio is never cut or split.
struct PortAudioOutput::State {
  State(int rate, int channels_)
      : ring(static_cast<std::size_t>(std::ceil(kRingSeconds * rate)) * static_cast<std::size_t>(channels_)),
        sample_rate(rate),
        channels(channels_),
        wake_room(static_cast<std::size_t>(std::ceil(kWakeRoomSeconds * rate)) * static_cast<std::size_t>(channels_)),
        scratch(static_cast<std::size_t>(rate / 10) * static_cast<std::size_t>(channels_)) {}

  SampleRing ring;
  const int sample_rate;
  const int channels;
  // The host's output latency, used only before the first callback or when a callback's
  // time info is unusable; set before the stream starts.
  std::int64_t fallback_lead_ns = 0;
  const std::size_t wake_room;  // samples: kWakeRoomSeconds of frames

  std::atomic<std::uint32_t> progress{0};  // bumped by every callback
  // Samples of room the writer sleeps for (0: not sleeping); the callback wakes it only once
  // the ring has that much free, so a playing writer wakes a few times a second, not per period.
  std::atomic<std::size_t> wake_at_room{0};
  std::atomic<std::uint64_t> frames_read{0};  // taken from the ring: played, or dropped as silence

  // The anchor: after the callback's buffer, `read_end` frames had been taken from the ring,
  // and the frame right after them is promised to the DAC at `dac_end_ns`; `lead_ns` is how
  // long after the callback ran its buffer's first frame reached the DAC.
  std::atomic<std::uint32_t> seq{0};  // odd while being written; 0: no callback yet
  std::atomic<std::uint64_t> read_end{0};
  std::atomic<std::int64_t> dac_end_ns{0};
  std::atomic<std::int64_t> lead_ns{0};

  // The callback's own: the promise's origin, the lateness window, the correction under way.
  std::vector<float> scratch;  // queued frames looked at before they are dropped (0.1 s)
  bool promised = false;
  std::int64_t origin_ns = 0;  // when frame 0 of the ring is heard
  std::int64_t window_min_ns = 0;
  long window_count = 0;
  std::int64_t correction = 0;  // frames still to drop (> 0) or to insert (< 0)
  bool silent = true;           // the last frame played was silence

  std::int64_t promise_ns(std::uint64_t frame) const noexcept {
    return origin_ns + frames_ns(static_cast<std::int64_t>(frame), sample_rate);
  }

  bool frame_silent(const float* frame) const noexcept {
    for (int c = 0; c < channels; ++c)
      if (frame[c] != 0.0f) return false;
    return true;
  }

  std::size_t pop_frames(float* out, std::size_t frames) noexcept {
    const auto ch = static_cast<std::size_t>(channels);
    return ring.pop(std::span<float>(out, std::min(frames, ring.readable() / ch) * ch)) / ch;
  }

  // Adds one buffer's lateness to the window; at its end, the window's minimum becomes the
  // correction. A tenth of a second of callbacks, and at least eight: long enough that one
  // of them ran on time, short enough to settle well within a programme's priming.
  void measure(std::int64_t late_ns, unsigned long frames) noexcept {
    window_min_ns = window_count == 0 ? late_ns : std::min(window_min_ns, late_ns);
    const long window = std::max(8L, std::lround(0.1 * sample_rate / static_cast<double>(frames)));
    if (++window_count < window) return;
    window_count = 0;
    correction = std::llround(static_cast<double>(window_min_ns) * sample_rate / 1e9);
  }

  // Fills `out` from the ring, applying what it can of the correction while the output is
  // silent; returns the frames taken from the ring.
  std::size_t fill(float* out, std::size_t frames) noexcept {
    const auto ch = static_cast<std::size_t>(channels);
    std::size_t pos = 0;
    std::size_t taken = 0;
    if (silent && correction < 0) {
      pos = std::min(static_cast<std::size_t>(-correction), frames);
      std::fill(out, out + pos * ch, 0.0f);
      correction += static_cast<std::int64_t>(pos);
    } else if (silent && correction > 0) {
      const std::size_t looked =
          pop_frames(scratch.data(), std::min({static_cast<std::size_t>(correction), scratch.size() / ch, frames}));
      std::size_t zeros = 0;
      while (zeros < looked && frame_silent(&scratch[zeros * ch])) ++zeros;
      // Sound after the silence ends the correction; it is played now, first in the buffer.
      std::copy(scratch.begin() + static_cast<std::ptrdiff_t>(zeros * ch),
                scratch.begin() + static_cast<std::ptrdiff_t>(looked * ch), out);
      pos = looked - zeros;
      taken = looked;
      correction = zeros < looked || looked == 0 ? 0 : correction - static_cast<std::int64_t>(zeros);
    } else {
      correction = 0;  // sound is playing: never cut or split
    }
    const std::size_t got = pop_frames(out + pos * ch, frames - pos);
    std::fill(out + (pos + got) * ch, out + frames * ch, 0.0f);
    return taken + got;
  }

  int callback(float* out, unsigned long frames, const PaStreamCallbackTimeInfo* time) noexcept {
    const std::int64_t now = to_ns(Clock::now());
    // PortAudio gives the buffer's DAC time and "now" in the stream's own time base (JACK:
    // frames since open; ALSA: PaUtil_GetTime). Only their difference is used, applied to
    // steady_clock read here, so the two clocks never need mapping.
    std::int64_t lead = fallback_lead_ns;
    if (time != nullptr && time->outputBufferDacTime > 0.0) {
      const double seconds = time->outputBufferDacTime - time->currentTime;
      if (seconds >= 0.0 && seconds < 10.0) lead = static_cast<std::int64_t>(std::llround(seconds * 1e9));
    }
    const std::int64_t heard = now + lead;  // this buffer's first frame, late by our wake-up delay
    const std::int64_t buffer_ns = frames_ns(static_cast<std::int64_t>(frames), sample_rate);
    std::uint64_t read = frames_read.load(std::memory_order_relaxed);
    const bool queued = ring.readable() >= static_cast<std::size_t>(channels);

    // Measured only between corrections, so a window never counts one twice.
    if (promised && queued && correction == 0) measure(heard - promise_ns(read), frames);
    read += fill(out, frames);
    frames_read.store(read, std::memory_order_release);
    silent = frame_silent(out + (frames - 1) * static_cast<unsigned long>(channels));
    if (!promised || !queued) {
      // Nothing was queued: the next frame written is heard after this buffer.
      origin_ns = heard + buffer_ns - frames_ns(static_cast<std::int64_t>(read), sample_rate);
      promised = true;
      window_count = 0;
      correction = 0;
    }

    const std::uint32_t s = seq.load(std::memory_order_relaxed);
    seq.store(s + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    read_end.store(read, std::memory_order_relaxed);
    dac_end_ns.store(promise_ns(read), std::memory_order_relaxed);
    lead_ns.store(lead, std::memory_order_relaxed);
    seq.store(s + 2, std::memory_order_release);

    progress.fetch_add(1, std::memory_order_release);
    const std::size_t wanted = wake_at_room.load(std::memory_order_acquire);
    if (wanted != 0 && ring.writable() >= wanted) futex_wake(progress);
    return paContinue;
  }

  struct Anchor {
    std::uint64_t read_end;
    std::int64_t dac_end_ns;
    std::int64_t lead_ns;
  };
  std::optional<Anchor> anchor() const noexcept {
    for (;;) {
      const std::uint32_t before = seq.load(std::memory_order_acquire);
      if (before == 0) return std::nullopt;
      if (before % 2 != 0) continue;
      Anchor a{read_end.load(std::memory_order_relaxed), dac_end_ns.load(std::memory_order_relaxed),
               lead_ns.load(std::memory_order_relaxed)};
      std::atomic_thread_fence(std::memory_order_acquire);
      if (seq.load(std::memory_order_relaxed) == before) return a;
    }
  }
};

namespace {

int stream_callback(const void*, void* output, unsigned long frames, const PaStreamCallbackTimeInfo* time,
                    PaStreamCallbackFlags, void* user) {
  return static_cast<PortAudioOutput::State*>(user)->callback(static_cast<float*>(output), frames, time);
}

// The device `wanted` names (exactly, else the one containing it), or the default output.
PaDeviceIndex find_device(const std::optional<std::string>& wanted, const std::string& target) {
  if (!wanted) {
    const PaDeviceIndex index = Pa_GetDefaultOutputDevice();
    if (index == paNoDevice) throw OutputError(Kind::open_failed, target, "no default output device");
    return index;
  }
  std::vector<PaDeviceIndex> containing;
  std::string names;
  const PaDeviceIndex count = Pa_GetDeviceCount();
  for (PaDeviceIndex i = 0; i < count; ++i) {
    const PaDeviceInfo* info = Pa_GetDeviceInfo(i);
    if (info == nullptr || info->maxOutputChannels <= 0 || info->name == nullptr) continue;
    const std::string_view name = info->name;
    if (name == *wanted) return i;
    if (name.find(*wanted) != std::string_view::npos) containing.push_back(i);
    if (!names.empty()) names += ", ";
    names += "\"" + std::string(name) + "\"";
  }
  if (containing.size() == 1) return containing.front();
  if (containing.empty())
    throw OutputError(Kind::open_failed, target, "no output device named \"" + *wanted + "\"; devices: " + names);
  throw OutputError(Kind::open_failed, target, "several output devices match \"" + *wanted + "\"; devices: " + names);
}

// Callback-to-DAC time when no callback has said it yet. PortAudio's JACK backend reports
// as the stream's outputLatency the sink port's latency minus one JACK buffer ("one buffer
// is not counted as latency", pa_jack.c), yet its callbacks' outputBufferDacTime adds the
// whole port latency, and that is what the end-to-end test measures as right at the sink.
// The device's default latency is that whole port latency, so JACK uses it; other host
// APIs report the stream's latency as their callbacks do.
double fallback_latency(PaStream* stream, const PaDeviceInfo& device, const PaHostApiInfo& api) {
  if (api.type == paJACK) return device.defaultHighOutputLatency;
  const PaStreamInfo* info = Pa_GetStreamInfo(stream);
  return info != nullptr ? info->outputLatency : device.defaultHighOutputLatency;
}

}  // namespace

PortAudioOutput::PortAudioOutput(std::optional<std::string> device) : device_(std::move(device)) {}

PortAudioOutput::~PortAudioOutput() {
  close();
}

std::string PortAudioOutput::target() const {
  return device_ ? "portaudio:" + *device_ : std::string("portaudio");
}

void PortAudioOutput::open(const OutputFormat& format) {
  if (stream_ != nullptr) throw OutputError(Kind::already_open, target());
  if (format.sample_rate <= 0 || format.channels <= 0)
    throw OutputError(Kind::bad_format, target(),
                      std::to_string(format.channels) + " channels at " + std::to_string(format.sample_rate) + " Hz");
  // The JACK client (when PortAudio finds a JACK server) is named after us; the name must
  // be set before PortAudio opens it in Pa_Initialize.
  PaJack_SetClientName("loaxa");
  if (const PaError error = Pa_Initialize(); error != paNoError)
    throw OutputError(Kind::open_failed, target(), pa_words(error));
  initialised_ = true;
  try {
    const PaDeviceIndex index = find_device(device_, target());
    const PaDeviceInfo* info = Pa_GetDeviceInfo(index);
    PaStreamParameters parameters{};
    parameters.device = index;
    parameters.channelCount = format.channels;
    parameters.sampleFormat = paFloat32;
    parameters.suggestedLatency = info->defaultHighOutputLatency;
    if (const PaError error = Pa_IsFormatSupported(nullptr, &parameters, format.sample_rate);
        error != paFormatIsSupported)
      throw OutputError(Kind::bad_format, target(),
                        std::to_string(format.channels) + " channels at " + std::to_string(format.sample_rate) +
                            " Hz on \"" + info->name + "\": " + pa_words(error));
    state_ = std::make_unique<State>(format.sample_rate, format.channels);
    PaStream* stream = nullptr;
    if (const PaError error = Pa_OpenStream(&stream, nullptr, &parameters, format.sample_rate,
                                            paFramesPerBufferUnspecified, paNoFlag, stream_callback, state_.get());
        error != paNoError)
      throw OutputError(Kind::open_failed, target(), std::string("\"") + info->name + "\": " + pa_words(error));
    stream_ = stream;
    device_name_ = info->name;
    const PaHostApiInfo* api = Pa_GetHostApiInfo(info->hostApi);
    host_api_ = api->name;
    state_->fallback_lead_ns = static_cast<std::int64_t>(std::llround(fallback_latency(stream, *info, *api) * 1e9));
    if (const PaError error = Pa_StartStream(stream); error != paNoError)
      throw OutputError(Kind::open_failed, target(), std::string("\"") + info->name + "\": " + pa_words(error));
  } catch (...) {
    close();
    throw;
  }
  written_ = 0;
}

void PortAudioOutput::check_alive(std::uint32_t& last_progress, Clock::time_point& since) {
  const std::uint32_t progress = state_->progress.load(std::memory_order_acquire);
  const auto now = Clock::now();
  if (progress != last_progress) {
    last_progress = progress;
    since = now;
    return;
  }
  if (Pa_IsStreamActive(stream_) != 1) {
    lost_ = true;
    throw OutputError(Kind::write_failed, target(), "the stream on \"" + device_name_ + "\" stopped");
  }
  if (now - since >= kStallLimit) {
    lost_ = true;
    throw OutputError(Kind::write_failed, target(), "\"" + device_name_ + "\" took no frame for 2 s");
  }
}

void PortAudioOutput::write(std::span<const float> samples) {
  if (stream_ == nullptr) throw OutputError(Kind::not_open, target());
  const auto channels = static_cast<std::size_t>(state_->channels);
  if (samples.size() % channels != 0)
    throw OutputError(Kind::bad_block, target(), std::to_string(samples.size()) + " samples");
  written_ += samples.size() / channels;
  std::uint32_t last_progress = state_->progress.load(std::memory_order_acquire);
  auto since = Clock::now();
  for (;;) {
    // Read the counter before trying, so a callback between the try and the wait wakes us.
    const std::uint32_t seen = state_->progress.load(std::memory_order_acquire);
    // Whole frames only, so the callback never sees half a frame.
    const std::size_t room = state_->ring.writable() / channels * channels;
    samples = samples.subspan(state_->ring.push(samples.first(std::min(room, samples.size()))));
    if (samples.empty()) return;
    // Room for the rest of the block and at least the wake-up quantum; a callback between
    // the counter's read and the wait makes the wait return at once (the counter moved).
    const std::size_t wanted =
        std::min(state_->ring.capacity() / channels * channels, std::max(samples.size(), state_->wake_room));
    state_->wake_at_room.store(wanted, std::memory_order_release);
    if (state_->ring.writable() < wanted) futex_wait(state_->progress, seen, kWaitSlice);
    state_->wake_at_room.store(0, std::memory_order_relaxed);
    check_alive(last_progress, since);
  }
}

void PortAudioOutput::drain() {
  if (stream_ == nullptr) throw OutputError(Kind::not_open, target());
  std::uint32_t last_progress = state_->progress.load(std::memory_order_acquire);
  auto since = Clock::now();
  for (;;) {
    const std::uint32_t seen = state_->progress.load(std::memory_order_acquire);
    if (state_->ring.readable() == 0) break;
    state_->wake_at_room.store(state_->ring.capacity(), std::memory_order_release);  // empty
    futex_wait(state_->progress, seen, kWaitSlice);
    state_->wake_at_room.store(0, std::memory_order_relaxed);
    check_alive(last_progress, since);
  }
  std::this_thread::sleep_until(next_frame_time());
}

void PortAudioOutput::close() noexcept {
  if (lost_) {
    // A stream whose host stopped calling back cannot be stopped: PortAudio's JACK backend
    // waits in Pa_AbortStream (and in Pa_Terminate, which closes open streams) for a process
    // callback that never comes once the server is gone. It is left as it is, and PortAudio
    // stays initialised: a small leak per lost device, against a daemon that hangs.
    stream_ = nullptr;
    initialised_ = false;
    lost_ = false;
  }
  if (stream_ != nullptr) {
    Pa_AbortStream(stream_);
    Pa_CloseStream(stream_);
    stream_ = nullptr;
  }
  if (initialised_) {
    Pa_Terminate();
    initialised_ = false;
  }
  host_api_.clear();
}

std::uint64_t PortAudioOutput::frames_consumed() const noexcept {
  return state_ ? state_->frames_read.load(std::memory_order_acquire) : 0;
}

Clock::time_point PortAudioOutput::next_frame_time() const noexcept {
  const auto now = Clock::now();
  if (!state_) return now;
  const auto queued = [&](std::uint64_t read) { return static_cast<std::int64_t>(written_ - read); };
  const auto anchor = state_->anchor();
  if (!anchor) {
    // No callback yet: the host's reported latency after what is queued.
    return now + std::chrono::nanoseconds(state_->fallback_lead_ns +
                                          frames_ns(queued(frames_consumed()), state_->sample_rate));
  }
  // Behind the anchor's frame, the frames queued since; but after an underrun the ring ran
  // dry and the next frame waits for a buffer not yet asked for: now plus the lead.
  const std::int64_t by_ring = anchor->dac_end_ns + frames_ns(queued(anchor->read_end), state_->sample_rate);
  const std::int64_t earliest = to_ns(now) + anchor->lead_ns;
  return from_ns(std::max(by_ring, earliest));
}

}  // namespace loaxa::audio
