#include "console/style.hpp"

namespace loaxa::console {

const std::string_view kConsoleCss = R"css(
:root { --ink: #1d2430; --muted: #5b6573; --line: #d5dae1; --paper: #ffffff; --band: #f3f5f8;
        --accent: #0b5cad; --ok: #1d7a3a; --warn: #9a6400; --bad: #b3261e; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink);
       background: var(--band); line-height: 1.4; }
a { color: var(--accent); }
header.top { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; padding: .5rem 1rem;
             background: var(--ink); color: #fff; }
header.top a { color: #fff; text-decoration: none; }
header.top .brand { font-weight: 700; font-size: 1.2rem; margin-right: .5rem; }
header.top nav { display: flex; flex-wrap: wrap; gap: .25rem; flex: 1; }
header.top nav a { padding: .35rem .7rem; border-radius: .3rem; }
header.top nav a[aria-current="page"] { background: rgba(255,255,255,.18); }
header.top nav a.nav-emergency { background: var(--bad); font-weight: 700; }
header.top .who { display: flex; align-items: center; gap: .6rem; font-size: .9rem; }
header.top .who form { margin: 0; }
header.top .who button { background: transparent; color: #fff; border: 1px solid rgba(255,255,255,.6);
                         padding: .2rem .6rem; }
main { max-width: 1340px; margin: 0 auto; padding: 1rem; }
body.bare main { max-width: 28rem; margin-top: 10vh; background: var(--paper); border: 1px solid var(--line);
                 border-radius: .5rem; }
h1 { font-size: 1.4rem; margin: .2rem 0 1rem; }
h2 { font-size: 1.15rem; margin: 1.2rem 0 .6rem; }
section, .card { background: var(--paper); border: 1px solid var(--line); border-radius: .5rem; padding: .8rem 1rem;
                 margin-bottom: 1rem; }
table { border-collapse: collapse; width: 100%; background: var(--paper); }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--band); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table-wrap { overflow-x: auto; }
form { margin: 0; }
form.stack, form.login { display: grid; gap: .6rem; }
form.inline { display: inline-flex; flex-wrap: wrap; gap: .4rem; align-items: end; }
label { display: grid; gap: .2rem; font-size: .9rem; color: var(--muted); }
input, select, textarea, button { font: inherit; color: var(--ink); }
input, select, textarea { padding: .35rem .5rem; border: 1px solid var(--line); border-radius: .3rem;
                          background: #fff; min-width: 0; }
textarea { min-height: 6rem; }
button, .button { display: inline-block; padding: .4rem .9rem; border-radius: .3rem; border: 1px solid var(--accent);
                  background: var(--accent); color: #fff; cursor: pointer; text-decoration: none; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger, .button.danger { background: var(--bad); border-color: var(--bad); }
button.big { font-size: 1.3rem; padding: .8rem 1.6rem; }
button:disabled { opacity: .5; cursor: default; }
.muted { color: var(--muted); }
.error { color: var(--bad); }
.ok { color: var(--ok); }
.warn { color: var(--warn); }
.notice { padding: .6rem .8rem; border-radius: .4rem; margin: .5rem 0; border: 1px solid var(--line); background: #fff; }
.notice.error { border-color: var(--bad); background: #fdecea; }
.notice.warn { border-color: var(--warn); background: #fff6e0; }
.notice.ok { border-color: var(--ok); background: #e9f6ec; }
#emergency-banner { display: block; padding: .7rem 1rem; background: var(--bad); color: #fff; font-weight: 700;
                    font-size: 1.1rem; }
#emergency-banner a { color: #fff; }
#emergency-banner[hidden] { display: none; }
progress { width: 100%; height: 1rem; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: .8rem; font-size: .8rem; background: var(--band);
         border: 1px solid var(--line); }
.badge.ok { background: #e9f6ec; border-color: var(--ok); }
.badge.warn { background: #fff6e0; border-color: var(--warn); }
.badge.bad { background: #fdecea; border-color: var(--bad); }
.grid-2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 1rem; }
.dropzone { border: 2px dashed var(--accent); border-radius: .5rem; padding: 1.5rem; text-align: center;
            background: #f5f9fd; }
.dropzone.over { background: #e2eefa; }
@media (max-width: 640px) {
  main { padding: .5rem; }
  header.top { padding: .4rem .5rem; }
  th, td { padding: .3rem; font-size: .9rem; }
  .hide-narrow { display: none; }
}
)css";

}  // namespace loaxa::console
