// The HTML report's inline style and script. The Content-Security-Policy names them by hash, so a
// change here needs nothing else; they carry no data, which all lives in the markup, escaped.
#include "html_parts.h"

namespace scapc::output::html {

// Light on screen and on paper; print opens every <details> and drops the controls and fills.
const std::string_view kStyle = R"css(
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--alt:#f6f8fa;--pass:#1a7f37;--fail:#cf222e;--warn:#9a6700;
--error:#8250df;--other:#59636e}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,sans-serif;color:var(--fg);background:#fff;margin:0 auto;max-width:1500px;
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
#rules{width:100%}#rules td:nth-child(5){width:45%}
th button{font:inherit;font-weight:600;background:none;border:0;padding:0;cursor:pointer;color:inherit}
th[aria-sort=ascending] button::after{content:" \25B2"}th[aria-sort=descending] button::after{content:" \25BC"}
.rid{color:var(--muted);font-size:.8em;overflow-wrap:anywhere}#rules td:nth-child(4){min-width:10rem}
summary{cursor:pointer}.detail{border-left:3px solid var(--line);padding:.1rem 0 .3rem .8rem;margin:.3rem 0}
.text{white-space:pre-line}.xhtml p{margin:.2rem 0 .5rem}ul.evidence{margin:0;padding-left:1.2rem;font-family:ui-monospace,monospace;
font-size:.85em}ul.evidence li{white-space:pre-wrap;overflow-wrap:anywhere}
.tag{display:inline-block;border:1px solid var(--line);border-radius:3px;padding:0 .3em;margin:0 .2em .1em 0;
font-size:.85em}
@media print{
body{max-width:none;padding:0;font-size:10pt}
nav,#filters,th button::after{display:none}
thead th,pre,#filters{background:none}
.r{background:none;color:var(--fg);border:1px solid var(--fg)}
.r-pass{color:var(--pass);border-color:var(--pass)}.r-fail{color:var(--fail);border-color:var(--fail)}
details::details-content{content-visibility:visible;display:block}
summary{list-style:none}tr{break-inside:avoid-page}h2{break-after:avoid}
}
)css";

// Filters and sorting for the rule table, and every <details> opened for printing. Without
// script the table shows every selected rule-result and the (hidden) filters stay hidden.
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
  const rows = Array.from(table.tBodies[0].rows);
  const searched = new Map(rows.map(row => [row,
    Array.from(row.querySelectorAll('.rid, .ver, .ttl, .evidence'), e => e.textContent).join('\n').toLowerCase()]));
  const value = name => form.elements.namedItem(name).value;
  const hasToken = (list, token) => (' ' + (list || '') + ' ').includes(' ' + token + ' ');
  const shown = document.getElementById('shown');

  function visible(row) {
    const data = row.dataset;
    const result = value('result');
    if (result === '' ? data.result === 'notselected' : result !== '*' && data.result !== result) return false;
    if (value('severity') !== '' && data.severity !== value('severity')) return false;
    if (value('framework') !== '' && !hasToken(data.frameworks, value('framework'))) return false;
    if (value('role') !== '' && !hasToken(data.roles, value('role'))) return false;
    if (value('host') !== '' && data.host !== value('host')) return false;
    const term = value('q').trim().toLowerCase();
    return term === '' || searched.get(row).includes(term);
  }
  function filter() {
    let count = 0;
    for (const row of rows) {
      row.hidden = !visible(row);
      if (!row.hidden) count++;
    }
    shown.textContent = String(count);
  }
  form.addEventListener('input', filter);
  form.addEventListener('change', filter);
  form.addEventListener('submit', event => event.preventDefault());
  form.addEventListener('reset', () => setTimeout(filter));
  form.hidden = false;
  filter();

  // A column's button sorts by the cells' data-key (numbers as numbers); pressing it again reverses.
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
      const sorted = rows.slice().sort((a, b) => (ascending ? 1 : -1) * compare(key(a), key(b)));
      const fragment = document.createDocumentFragment();
      for (const row of sorted) fragment.append(row);
      table.tBodies[0].append(fragment);
    });
  });
})();
)js";

}  // namespace scapc::output::html
