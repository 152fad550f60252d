#include "onset_segment.hpp"

#include "onset_math.hpp"
#include "station_process.hpp"

#include "audio/playback_gain.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace loaxa::test {

OnsetLeads import_onset(const std::filesystem::path& loaxa, const std::filesystem::path& home,
                        const std::filesystem::path& wav, const std::filesystem::path& mp3,
                        const std::filesystem::path& dir, int rate, float threshold) {
  const Env real_now{{"LOAXA_NOW", ""}};
  run_loaxa(loaxa, home, {"segment", "add", wav.string(), "--category", "CDS", "--title", "onset", "--approve"},
            real_now);
  const auto segment = nlohmann::json::parse(run_loaxa(loaxa, home, {"--json", "segment", "show", "1"}, real_now));
  OnsetLeads leads;
  leads.gain =
      audio::playback_gain(segment.at("loudness_lufs").get<double>(), segment.at("true_peak_dbtp").get<double>(), {});
  leads.trim_frames = segment.at("trim_start_ms").get<std::int64_t>() * rate / 1000;
  leads.loaxad_frames = first_loud_frame(wav, leads.trim_frames, leads.gain, threshold);
  const auto decoded = dir / "mpg123.wav";
  if (run_tool({"/usr/bin/mpg123", "-q", "-w", decoded.string(), mp3.string()}).exit_code != 0)
    throw std::runtime_error("mpg123 cannot decode " + mp3.string());
  leads.mpg123_frames = first_loud_frame(decoded, 0, 1.0, threshold);
  return leads;
}

}  // namespace loaxa::test
