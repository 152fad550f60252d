#include "console/library_handlers.hpp"
#include "console/pages.hpp"
#include "console/routes.hpp"

namespace loaxa::console {

void add_library_routes(Routes& routes) {
  routes.add({"GET", "/library", Role::viewer, show_library});
  routes.add({"GET", "/library/audio/", Role::viewer, serve_segment_audio});
  routes.add({"POST", "/library/upload", Role::operator_, upload_segment, false, true});
  routes.add({"POST", "/library/segment/", Role::operator_, change_segment});
  routes.add({"GET", "/static/library.js", Role::viewer,
              [](const Visit&, Answer answer) {
                web::WebResponse response;
                response.content_type = "text/javascript; charset=utf-8";
                response.body = std::string(kLibraryScript);
                answer(std::move(response));
              },
              true});
}

}  // namespace loaxa::console
