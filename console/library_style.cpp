// /static/library.css: the Library page's own classes (the shared console.css has the rest).
// A refused upload is marked in words and by its border, not by colour alone.

#include "console/library_handlers.hpp"

namespace loaxa::console {

const std::string_view kLibraryStyle = R"css(
.drop-zone { border: 2px dashed var(--line); border-radius: .5rem; padding: .8rem 1rem; background: var(--band); }
.drop-zone.dragging { border-color: var(--accent); background: #e8f1fb; }
.drop-zone p { margin: 0 0 .5rem; }
.uploads { list-style: none; margin: .5rem 0 0; padding: 0; }
.uploads li { padding: .3rem .5rem; margin: .2rem 0; border-left: 4px solid var(--line); background: var(--paper); }
.uploads li.uploaded { border-left-color: var(--ok); }
.uploads li.refused { border-left-color: var(--bad); background: #fdecea; }
.uploads .file-name { font-weight: 600; overflow-wrap: anywhere; }
.uploads progress { width: 10rem; max-width: 40%; vertical-align: middle; }
.uploads .upload-status { display: block; font-size: .9em; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem; align-items: center; margin: .8rem 0 .4rem; }
#segments audio { width: 14rem; max-width: 100%; height: 2rem; }
#segments tr.not-approved td:first-child { box-shadow: inset 4px 0 var(--warn); }
.validity-expired { color: var(--bad); }
.validity-not_yet { color: var(--warn); }
.segment-edit label { display: block; margin: .3rem 0; }
.segment-edit input[name=title] { width: 100%; max-width: 28rem; }
td.actions details { margin-bottom: .3rem; }
@media (max-width: 700px) { #segments audio { width: 10rem; } }
)css";

}  // namespace loaxa::console
