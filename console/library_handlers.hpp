#pragma once
// The Library page's routes (registered by add_library_routes, library_routes.cpp):
//   GET  /library                         the list, with search and filters   viewer
//   GET  /library/audio/ID                the stored file, to listen          viewer
//   POST /library/upload?name=N&category=C  one file as the raw body: JSON    operator
//   POST /library/segment/ID/edit|approve|remove  a form: 303 back to the list  operator
//   GET  /static/library.js, /static/library.css  public
//
// Thread safety: the console thread, as every handler; the upload's import runs on the
// worker (Context::offload) with a Station of its own.

#include "console/routes.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace loaxa::console {

void show_library(const Visit& visit, Answer answer);
void serve_segment_audio(const Visit& visit, Answer answer);
void upload_segment(const Visit& visit, Answer answer);
// The same, the segment approved as it is imported: an emergency's file, aired at once
// (POST /emergency/upload), as `loaxa emergency FILE` does.
void upload_approved_segment(const Visit& visit, Answer answer);
void change_segment(const Visit& visit, Answer answer);

// "42" → 42; nullopt for anything but a positive decimal number.
std::optional<std::int64_t> segment_id(std::string_view text);

// The line the list shows after a change sent the browser back ("done=saved&id=5"); "" if none.
std::string change_notice(std::string_view query);

extern const std::string_view kLibraryScript;
extern const std::string_view kLibraryStyle;

}  // namespace loaxa::console
