// The HTML report's inline style and script. The Content-Security-Policy names them by hash, so a
// change here needs nothing else; they carry no data, which all lives in the markup, escaped.
#include "html_parts.h"

namespace scapc::output::html {

// Light, or dark where the reader's system asks for it; print is light, opens every <details> and
// drops the controls and fills.
const std::string_view kStyle = R"css(
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--alt:#f6f8fa;--bg:#fff;--pass:#1a7f37;--fail:#cf222e;
--warn:#9a6700;--error:#8250df;--other:#59636e}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1500px;
padding:1rem 1.5rem}
h1{font-size:1.6rem;margin:.2rem 0 .6rem}h2{font-size:1.3rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line)}
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}h4{font-size:.95rem;margin:.8rem 0 .2rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;margin:.4rem 0}
dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}
code,pre{font-family:ui-monospace,monospace;font-size:.9em}
pre{background:var(--alt);border:1px solid var(--line);padding:.5rem;overflow-x:auto;white-space:pre-wrap}
table{border-collapse:collapse;margin:.3rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:var(--alt)}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.zero{color:#aab2bb}
nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
.muted{color:var(--muted)}.warnings li{color:var(--warn)}
.r{display:inline-block;min-width:6.5em;padding:0 .4em;border-radius:3px;font-weight:600;text-align:center;
color:#fff;background:var(--other)}
.r-pass,.r-fixed{background:var(--pass)}.r-fail{background:var(--fail)}.r-error{background:var(--error)}
.r-unknown{background:var(--warn)}.r-notselected{background:#fff;color:var(--muted);border:1px solid var(--line)}
.sev-high{color:var(--fail);font-weight:600}.sev-medium{color:var(--warn);font-weight:600}
meter{width:8rem}
#filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0;padding:.5rem;
background:var(--alt);border:1px solid var(--line)}
#filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
#filters input[type=search]{width:18rem}#filters select{max-width:15rem}
#filters[hidden],tr[hidden]{display:none}
#rules{width:100%}#rules td:nth-child(5){width:50%}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \25B2"}th[aria-sort=descending] button::after{content:" \25BC"}
.rid{display:block;color:var(--muted);font-size:.8em;overflow-wrap:anywhere}
summary{cursor:pointer}.detail{border-left:3px solid var(--line);padding:.1rem 0 .3rem .8rem;margin:.3rem 0}
.text{white-space:pre-line}.xhtml p{margin:.2rem 0 .5rem}ul.evidence{margin:0;padding-left:1.2rem;font-family:ui-monospace,monospace;
font-size:.85em}ul.evidence li{white-space:pre-wrap;overflow-wrap:anywhere}
.tag{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .3em;margin:0 .2em .1em 0;
font-size:.85em}
.cards{display:flex;flex-wrap:wrap;gap:.6rem}
.card{margin:0;display:flex;gap:.6rem;align-items:center;border:1px solid var(--line);border-radius:6px;
padding:.4rem .7rem;min-width:17rem;max-width:24rem;background:var(--bg)}
.card figcaption{font-size:.85rem}

.d-empty{stroke:var(--line)}.d-pass{stroke:var(--pass)}.d-open{stroke:var(--fail)}.d-unreviewed{stroke:var(--warn)}
.d-na{stroke:#aab2bb}.d-centre{font-size:7px;font-weight:600;fill:var(--fg)}
.c-open{color:var(--fail);font-weight:600}.c-pass{color:var(--pass)}.c-unreviewed{color:var(--warn)}
.cat-count{white-space:nowrap}td.open{white-space:nowrap}
.strip{display:flex;flex-wrap:wrap;max-width:12rem;margin-top:.2rem}
.strip i{display:block;width:6px;height:10px;margin:0 1px 1px 0;background:var(--other)}
.strip .s-pass,.strip .s-fixed{background:var(--pass)}.strip .s-fail{background:var(--fail)}
.strip .s-error{background:var(--error)}.strip .s-unknown,.strip .s-notchecked{background:var(--warn)}
.strip .s-notapplicable{background:#aab2bb}
tr.cat th{background:var(--alt);font-size:1rem}
ul.hosts{list-style:none;padding:0;margin:0}ul.hosts>li{margin:.2rem 0 .4rem}
.vid{white-space:nowrap}.waived{color:var(--error);font-weight:600}
@media (prefers-color-scheme:dark){
:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--alt:#151b23;--bg:#0d1117;--pass:#3fb950;--fail:#f85149;
--warn:#d29922;--error:#a371f7;--other:#9198a1}
body{background:var(--bg)}td.zero{color:#59636e}a{color:#4493f8}
.r-notselected{background:var(--bg)}
}
@media print{
:root{--fg:#000;--muted:#444;--line:#999;--alt:#fff;--bg:#fff;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700}
body{max-width:none;padding:0;font-size:10pt}.card{break-inside:avoid}
nav,#filters,th button::after{display:none}
thead th,pre,#filters{background:none}
.r{background:none;color:var(--fg);border:1px solid var(--fg)}
.r-pass{color:var(--pass);border-color:var(--pass)}.r-fail{color:var(--fail);border-color:var(--fail)}
details::details-content{content-visibility:visible;display:block}
summary{list-style:none}tr{break-inside:avoid-page}h2{break-after:avoid}
}
)css";

// Filters and sorting for the rule table, and every <details> opened for printing. Without
// script the table shows every rule selected on a host and the (hidden) filters stay hidden.
const std::string_view kScript = R"js(
'use strict';
(() => {
  let opened = [];
  window.addEventListener('beforeprint', () => {
    opened = Array.from(document.querySelectorAll('details:not([open])'));
    for (const details of opened) details.open = true;
  });
  window.addEventListener('afterprint', () => {
    for (const details of opened) details.open = false;
    opened = [];
  });

  const form = document.getElementById('filters');
  const table = document.getElementById('rules');
  if (!form || !table) return;
  const bodies = Array.from(table.tBodies);
  const rows = Array.from(table.querySelectorAll('tbody tr[data-rule]'));
  const searched = new Map(rows.map(row => [row,
    Array.from(row.querySelectorAll('.rid, .ver, .vid, .ttl, .evidence'), e => e.textContent).join('\n').toLowerCase()]));
  const value = name => form.elements.namedItem(name).value;
  const hasToken = (list, token) => (' ' + (list || '') + ' ').includes(' ' + token + ' ');
  const shown = document.getElementById('shown');

  // A rule shows when a host in view (the one chosen, or every host) has a result the status asks for.
  function matches(result, wanted) {
    return wanted === '' ? result !== 'notselected' : wanted === '*' || result === wanted;
  }
  function visible(row) {
    const data = row.dataset;
    const results = data.results.split(' ');
    const host = value('host');
    const inView = host === '' ? results : [results[Number(host)]];
    if (!inView.some(result => matches(result, value('result')))) return false;
    const category = value('cat');
    if (category !== '' && data.cat !== (category === '-' ? '' : category)) return false;
    if (value('framework') !== '' && !hasToken(data.frameworks, value('framework'))) return false;
    if (value('role') !== '' && !hasToken(data.roles, value('role'))) return false;
    const term = value('q').trim().toLowerCase();
    return term === '' || searched.get(row).includes(term);
  }
  function filter() {
    let count = 0;
    const host = value('host');
    const wanted = value('result');
    for (const row of rows) {
      row.hidden = !visible(row);
      if (row.hidden) continue;
      count++;
      for (const item of row.querySelectorAll('ul.hosts > li')) {
        item.hidden = (host !== '' && item.dataset.host !== host) ||
          (item.dataset.result === 'notselected' && wanted !== '*');
      }
    }
    for (const body of bodies) {
      const head = body.querySelector('tr.cat');
      if (head) head.hidden = !body.querySelector('tr[data-rule]:not([hidden])');
    }
    shown.textContent = String(count);
  }
  form.addEventListener('input', filter);
  form.addEventListener('change', filter);
  form.addEventListener('submit', event => event.preventDefault());
  form.addEventListener('reset', () => setTimeout(filter));
  form.hidden = false;
  filter();

  // A column's button sorts each category's rules by the cells' data-key (numbers as numbers);
  // pressing it again reverses.
  const headers = Array.from(table.tHead.rows[0].cells);
  const compare = new Intl.Collator('en', {numeric: true}).compare;
  headers.forEach((header, column) => {
    const button = header.querySelector('button');
    if (!button) return;
    button.addEventListener('click', () => {
      const ascending = header.getAttribute('aria-sort') !== 'ascending';
      for (const other of headers) other.removeAttribute('aria-sort');
      header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      const key = row => row.cells[column].dataset.key || '';
      for (const body of bodies) {
        const sorted = Array.from(body.querySelectorAll('tr[data-rule]'))
          .sort((a, b) => (ascending ? 1 : -1) * compare(key(a), key(b)));
        const fragment = document.createDocumentFragment();
        for (const row of sorted) fragment.append(row);
        body.append(fragment);
      }
    });
  });
})();
)js";

}  // namespace scapc::output::html
