#pragma once
// Each page adds its routes to the console's table (console.cpp calls these in turn). A
// page's routes, its handlers and its script live in its own files.

#include "console/routes.hpp"

namespace loaxa::console {

void add_now_routes(Routes& routes);        // now_page.cpp: GET / (what airs, what is next, warnings)
void add_library_routes(Routes& routes);    // library_page.cpp: /library…
void add_schedule_routes(Routes& routes);   // schedule_page.cpp: /schedule…
void add_log_routes(Routes& routes);        // log_page.cpp: /log, /log.csv
void add_emergency_routes(Routes& routes);  // emergency_page.cpp: /emergency…
void add_mandate_routes(Routes& routes);    // mandates_page.cpp: /schedule/mandates…

}  // namespace loaxa::console
