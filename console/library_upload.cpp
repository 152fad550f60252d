// POST /library/upload?name=N&category=C: one file as the raw request body, imported on the
// worker thread; the answer is JSON, {ok, segment, message} or {ok: false, error}.

#include "common/i18n.hpp"
#include "console/library_handlers.hpp"
#include "console/library_upload_folder.hpp"
#include "console/library_upload_name.hpp"
#include "console/library_view.hpp"
#include "console/responses.hpp"
#include "station/catalogue.hpp"
#include "station/station.hpp"
#include "web/text.hpp"
#include "wording/display_text.hpp"
#include "wording/import_messages.hpp"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <variant>

namespace loaxa::console {
namespace {

using Kind = library::ImportFailure::Kind;

// The upload's name as sent, or why it cannot be used. Read by hand rather than with
// parse_form, which drops a pair that decodes to a NUL: that is a refusal to word, not an
// absent name.
std::variant<std::string, UploadNameProblem> upload_name(std::string_view query) {
  while (!query.empty()) {
    const auto end = query.find('&');
    const auto pair = query.substr(0, end);
    query = end == std::string_view::npos ? std::string_view() : query.substr(end + 1);
    if (pair.substr(0, 5) != "name=") continue;
    const auto name = web::url_decode(pair.substr(5));
    if (!name) return UploadNameProblem::control;  // a broken escape, or %00
    if (const auto problem = upload_name_problem(*name)) return *problem;
    return *name;
  }
  return UploadNameProblem::empty;
}

std::string describe(UploadNameProblem problem) {
  switch (problem) {
    case UploadNameProblem::empty:
      return tr("The upload has no file name.");
    case UploadNameProblem::too_long:
      return trf("The file name is longer than {} bytes. Rename the file and upload it again.", kMaxUploadNameBytes);
    case UploadNameProblem::path:
      return tr("The file name names a folder or a path. Upload the file under its own name only.");
    case UploadNameProblem::control:
      return tr("The file name contains control characters (such as NUL). Rename the file and upload it again.");
    case UploadNameProblem::encoding:
      return tr("The file name is not UTF-8 text. Rename the file and upload it again.");
  }
  return tr("The upload has no file name.");
}

web::WebResponse refusal(int status, const std::string& error) {
  return json(status, nlohmann::json{{"ok", false}, {"error", error}}.dump());
}

int status_of(Kind kind) {
  switch (kind) {
    case Kind::unknown_category:
    case Kind::validity_reversed:
      return 400;
    case Kind::bad_audio:
    case Kind::silent:
      return 422;
    case Kind::busy:
      return 503;
    case Kind::copy_failed:
    case Kind::database_failed:
      return 500;
  }
  return 500;
}

// What the worker found; read on the console thread once it is done.
struct Outcome {
  std::optional<library::ImportResult> result;
  std::optional<library::ImportFailure> failure;
  std::string unexpected;  // what() of anything else (the home or the database would not open)
};

// One upload, copied out of the visit (which ends when the handler returns).
struct Upload {
  Home home;
  std::string name;
  std::string category;
  std::string body;
  bool approve = false;
  Outcome outcome;
};

// On the worker: never touches the console's Station.
void import_upload(Upload& upload) {
  auto& outcome = upload.outcome;
  try {
    UploadFolder folder(upload.home);
    library::ImportRequest request;
    try {
      request.file = folder.write(upload.name, upload.body);
      upload.body = std::string();  // the copy in the folder is what is imported
    } catch (const std::system_error& e) {
      library::ImportFailure failure;
      failure.kind = Kind::copy_failed;
      failure.detail = e.code().message();
      outcome.failure = failure;
      return;
    }
    request.category = upload.category;
    request.approve = upload.approve;
    station::Station station(upload.home);
    outcome.result = station::import_segment(station, request);
  } catch (const library::ImportError& e) {
    outcome.failure = e.failure();
  } catch (const std::exception& e) {
    outcome.unexpected = e.what();
  }
}

nlohmann::json segment_json(const store::Segment& s) {
  const auto optional = [](const std::optional<std::string>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); };
  return {{"id", s.id},
          {"title", s.title},
          {"category", s.category},
          {"duration_ms", s.duration_ms},
          {"duration", wording::display_duration(s.duration_ms)},
          {"loudness_lufs", s.loudness_lufs},
          {"loudness", loudness_words(s)},
          {"valid_from", optional(s.valid_from)},
          {"valid_until", optional(s.valid_until)},
          {"validity", validity_words(s)},
          {"approved", s.approved},
          {"approval", wording::approval_text(s.approved)},
          {"original_name", s.original_name}};
}

std::string imported_words(const library::ImportResult& result, const std::string& name) {
  const auto& s = result.segment;
  if (result.file_restored) {
    return trf("Already in the library: segment {} \"{}\"; its missing file was put back from {}.", s.id, s.title,
               name);
  }
  if (result.already_present) {
    return trf("Already in the library: segment {} \"{}\" has the same content as {}.", s.id, s.title, name);
  }
  return trf("Imported segment {}: \"{}\" ({}, {}, {:.1f} LUFS, {}).", s.id, s.title, s.category,
             wording::display_duration(s.duration_ms), s.loudness_lufs, wording::approval_text(s.approved));
}

web::WebResponse answer_for(const Outcome& outcome, const std::string& name) {
  if (outcome.result) {
    return json(200, nlohmann::json{{"ok", true},
                                    {"segment", segment_json(outcome.result->segment)},
                                    {"already_present", outcome.result->already_present},
                                    {"message", imported_words(*outcome.result, name)}}
                         .dump());
  }
  if (outcome.failure) {
    auto failure = *outcome.failure;
    failure.file = name;  // the operator's file, never the upload folder's copy of it
    return refusal(status_of(failure.kind), wording::describe(failure));
  }
  return refusal(500, trf("Cannot import {}: {}", name, outcome.unexpected));
}

}  // namespace

namespace {

void receive_upload(const Visit& visit, Answer answer, bool approve) {
  const auto query = web::target_query(visit.request.target);
  const auto name = upload_name(query);
  if (const auto* problem = std::get_if<UploadNameProblem>(&name)) {
    answer(refusal(400, describe(*problem)));
    return;
  }
  const auto& body = visit.request.body;
  // The server refuses a larger body before it reaches the console; this is the second lock.
  if (body.size() > visit.context.max_upload_bytes) {
    answer(refusal(413, trf("The file is larger than the {:.0f} MB the console takes (max_upload_mb in loaxa.toml).",
                            static_cast<double>(visit.context.max_upload_bytes) / (1024.0 * 1024.0))));
    return;
  }
  const auto form = web::parse_form(query);
  const auto category = form.find("category");
  if (category == form.end() || category->second.empty()) {
    answer(refusal(400, tr("Choose a category for the upload.")));
    return;
  }

  auto upload = std::make_shared<Upload>(
      Upload{visit.context.home, std::get<std::string>(name), category->second, body, approve, {}});
  visit.context.offload([upload] { import_upload(*upload); },
                        [upload, language = current_language(), answer = std::move(answer)] {
                          const LanguageScope scope(language);  // the visitor's, as when they asked
                          answer(answer_for(upload->outcome, upload->name));
                        });
}

}  // namespace

void upload_segment(const Visit& visit, Answer answer) {
  receive_upload(visit, std::move(answer), false);
}

void upload_approved_segment(const Visit& visit, Answer answer) {
  receive_upload(visit, std::move(answer), true);
}

}  // namespace loaxa::console
