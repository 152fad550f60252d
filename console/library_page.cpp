// GET /library (the list) and GET /library/audio/ID (a segment's stored file, to listen).

#include "common/i18n.hpp"
#include "console/layout.hpp"
#include "console/library_handlers.hpp"
#include "console/library_range.hpp"
#include "console/library_view.hpp"
#include "console/responses.hpp"
#include "schedules/civil_time.hpp"
#include "station/catalogue.hpp"
#include "station/error.hpp"
#include "web/text.hpp"
#include "wording/station_messages.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <variant>

namespace loaxa::console {
namespace {

constexpr std::string_view kAudioPrefix = "/library/audio/";

// By the stored name's extension, which the importer keeps from the operator's file.
std::string audio_content_type(const std::filesystem::path& file) {
  const auto ext = file.extension().string();
  if (ext == ".wav") return "audio/wav";
  if (ext == ".mp3") return "audio/mpeg";
  if (ext == ".flac") return "audio/flac";
  if (ext == ".ogg" || ext == ".oga") return "audio/ogg";
  if (ext == ".opus") return "audio/ogg; codecs=opus";
  if (ext == ".aif" || ext == ".aiff") return "audio/aiff";
  return "application/octet-stream";
}

// `length` bytes of `path` from `offset`; nullopt when the file cannot be read.
std::optional<std::string> read_part(const std::filesystem::path& path, std::uint64_t offset, std::uint64_t length) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string bytes(length, '\0');
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(bytes.data(), static_cast<std::streamsize>(length));
  if (static_cast<std::uint64_t>(in.gcount()) != length) return std::nullopt;
  return bytes;
}

}  // namespace

void show_library(const Visit& visit, Answer answer) {
  auto& station = visit.context.station;
  LibraryView view;
  view.segments = station::list_segments(station, std::nullopt);
  // Newest first: what the operator just added is at the top.
  std::reverse(view.segments.begin(), view.segments.end());
  view.categories = station::list_categories(station);
  const auto query = web::target_query(visit.request.target);
  view.filter = filter_from_query(query);
  view.today = schedules::format_date(station.now().today);
  view.may_change = visit.visitor.role == Role::operator_;
  view.form_token = visit.visitor.form_token;
  view.notice = change_notice(query);
  view.max_upload_bytes = visit.context.max_upload_bytes;
  // The page's own stylesheet: the frame links only the shared one.
  const auto body = "<link rel=\"stylesheet\" href=\"/static/library.css\">" + library_body_html(view);
  answer(html(200, page(visit, "/library", tr("Library"), body, {"/static/library.js"})));
}

void serve_segment_audio(const Visit& visit, Answer answer) {
  const auto path = web::target_path(visit.request.target);
  const auto id_text = path.substr(std::min(kAudioPrefix.size(), path.size()));
  const auto parsed = segment_id(id_text);
  if (!parsed) {
    answer(problem(visit.request, 404, tr("Not found"), tr("There is no such page.")));
    return;
  }
  const std::int64_t id = *parsed;
  auto& station = visit.context.station;
  try {
    const auto segment = station::find_segment(station, id);
    const auto file = visit.context.home.segments() / segment.file_name;
    std::error_code missing;
    const std::uint64_t size = std::filesystem::file_size(file, missing);
    const auto range = parse_range(visit.request.header("range"), missing ? 0 : size);
    web::WebResponse response;
    response.headers.emplace_back("Accept-Ranges", "bytes");
    if (std::holds_alternative<Unsatisfiable>(range) && !missing) {
      response.status = 416;
      response.content_type = "text/plain; charset=utf-8";
      response.headers.emplace_back("Content-Range", fmt::format("bytes */{}", size));
      answer(std::move(response));
      return;
    }
    const auto* part = std::get_if<ByteRange>(&range);
    const std::uint64_t first = part != nullptr ? part->first : 0;
    const std::uint64_t length = part != nullptr ? part->last - part->first + 1 : size;
    auto bytes = missing ? std::nullopt : read_part(file, first, length);
    if (!bytes) {
      answer(problem(visit.request, 404, tr("Not found"),
                     trf("The file of segment {} \"{}\" is missing from the library. loaxa segment verify says more.",
                         id, segment.title)));
      return;
    }
    if (part != nullptr) {
      response.status = 206;
      response.headers.emplace_back("Content-Range", fmt::format("bytes {}-{}/{}", part->first, part->last, size));
    }
    response.content_type = audio_content_type(file);
    response.body = std::move(*bytes);
    response.headers.emplace_back("Cache-Control", "private, no-cache");
    response.headers.emplace_back("Content-Disposition",
                                  "inline; filename*=UTF-8''" + web::url_encode(segment.original_name));
    answer(std::move(response));
  } catch (const station::StationError& e) {
    answer(problem(visit.request, 404, tr("Not found"), wording::describe(e)));
  }
}

}  // namespace loaxa::console
