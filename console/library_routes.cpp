#include "console/library_handlers.hpp"
#include "console/pages.hpp"
#include "console/routes.hpp"

namespace loaxa::console {

void add_library_routes(Routes& routes) {
  routes.add({"GET", "/library", Role::viewer, show_library});
  routes.add({"GET", "/library/audio/", Role::viewer, serve_segment_audio});
  routes.add({"POST", "/library/upload", Role::operator_, upload_segment, false, true});
  routes.add({"POST", "/library/segment/", Role::operator_, change_segment});
  const auto asset = [&routes](const char* path, const char* type, std::string_view text) {
    routes.add({"GET", path, Role::viewer,
                [type, text](const Visit&, Answer answer) {
                  web::WebResponse response;
                  response.content_type = type;
                  response.body = std::string(text);
                  answer(std::move(response));
                },
                true});
  };
  asset("/static/library.js", "text/javascript; charset=utf-8", kLibraryScript);
  asset("/static/library.css", "text/css; charset=utf-8", kLibraryStyle);
}

}  // namespace loaxa::console
