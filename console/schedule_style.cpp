#include "console/schedule_style.hpp"

namespace loaxa::console {

// A dropped occurrence is struck through and faded, a moved one dashed: the difference must
// read without colour too (a screen in sunlight, a colour-blind operator).
const std::string_view kScheduleStyle = R"css(
.schedule-tabs a { margin-right: 1em; }
.schedule-tabs a.current { font-weight: bold; text-decoration: none; }
.week-links a { margin-right: 1em; }
.week-scroll { overflow-x: auto; }
.week-grid { border-collapse: collapse; width: 100%; min-width: 56em; table-layout: fixed; }
.week-grid th, .week-grid td { border: 1px solid #ccc; padding: 0.2em; vertical-align: top; }
.week-grid thead th { background: #f3f3f3; }
.week-grid tbody th { width: 4em; text-align: right; }
.week-grid .today { background: #fff8d6; }
.week-grid thead th.today { border-top: 3px solid #c98a00; }
.week-grid .holiday { background: #f6ecf5; }
.today-mark, .holiday-name { display: block; font-size: 0.8em; font-weight: normal; }
.occurrences { list-style: none; margin: 0; padding: 0; }
.occurrence { display: block; margin: 0 0 0.2em; padding: 0.15em 0.3em; border: 1px solid #7aa7d6;
  border-left-width: 4px; background: #eef5fc; font-size: 0.9em; }
.legend .occurrence { display: inline-block; }
.occurrence.moved { border-style: dashed; border-color: #c98a00; background: #fff3dc; }
.occurrence.dropped { border-color: #999; background: #eee; color: #666; text-decoration: line-through; }
.occurrence.priority { border-left-color: #b3261e; }
.occurrence-time { font-weight: bold; }
.occurrence-programme { display: block; }
.occurrence-note { display: block; font-size: 0.85em; color: #444; }
.slot-list tr.disabled td { color: #777; }
.actions form.inline, form.inline { display: inline; }
.slot-form label, .holiday-form label, .programme-form label { display: block; margin: 0.4em 0; }
.programme-form textarea { display: block; width: 100%; max-width: 40em; font-family: monospace; }
.slots, .holidays { overflow-x: auto; }
.programme { border-top: 1px solid #ddd; padding-top: 0.5em; }
.warnings li { color: #8a4b00; }
.cap { font-weight: bold; }
.mandate dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; }
.mandate dd { margin: 0; }
.mandate .warning { color: #8a4b00; }
.mandate-airings li { margin: .2em 0; }
@media (max-width: 700px) { .week-grid { min-width: 40em; font-size: 0.85em; } }
)css";

}  // namespace loaxa::console
