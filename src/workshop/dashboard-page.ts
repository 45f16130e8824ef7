// The dashboard's one page: inline CSS and JS, no external assets (a workshop room may be
// offline). It listens to /events (server-sent events; the browser reconnects by itself)
// and draws one row per attendee, one cell per step: green passed, red failed (the reason
// as the tooltip), grey not tried; `!` where --verify-style checks disagree. Clicking a row
// shows the attendee's detail: host, last failing check's message, hosts claimed elsewhere.
// Everything from the cluster is inserted as text, never as HTML.

const CSS = `
:root { color-scheme: light dark; --pass: #1a7f37; --fail: #cf222e; --none: #8c959f; --bg: Canvas; --fg: CanvasText; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; background: var(--bg); color: var(--fg); }
h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
#summary { color: var(--none); margin-bottom: 1rem; }
#error { color: var(--fail); font-weight: 600; }
table { border-collapse: collapse; }
th, td { padding: 3px 4px; text-align: center; }
th.lab { border-bottom: 1px solid var(--none); font-weight: 600; }
th.step { font-weight: normal; font-size: 11px; color: var(--none); writing-mode: vertical-rl; transform: rotate(180deg); max-height: 9rem; }
td.who { text-align: left; white-space: nowrap; padding-right: 1rem; cursor: pointer; }
tr.selected td.who { font-weight: 700; }
td.cell span { display: inline-block; width: 22px; height: 22px; border-radius: 4px; color: #fff; font-weight: 700; line-height: 22px; }
td.cell[data-status="passed"] span { background: var(--pass); }
td.cell[data-status="failed"] span { background: var(--fail); }
td.cell[data-status="not-tried"] span { background: transparent; border: 1px dashed var(--none); }
td.gap { width: 10px; }
.warn { color: var(--fail); }
#detail { margin-top: 1.5rem; padding: .75rem 1rem; border-left: 4px solid var(--none); max-width: 60rem; white-space: pre-wrap; }
#legend span { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin: 0 .25rem 0 1rem; vertical-align: -1px; }
`;

const JS = `
const $ = (s) => document.querySelector(s);
let selected = null;
let last = null;
function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
function draw(snap) {
  last = snap;
  $('#error').textContent = snap.error ? 'cannot read the cluster: ' + snap.error : '';
  const s = snap.status;
  if (!s) return;
  $('#title').textContent = 'Workshop ' + s.workshop;
  $('#summary').textContent = s.totals.attendees + ' attendees · ' + s.totals.passed + ' steps passed · ' + s.totals.failed + ' failed · read ' + new Date(s.readAt).toLocaleTimeString();
  const table = $('#grid');
  table.replaceChildren();
  const head1 = el('tr'), head2 = el('tr');
  head1.append(el('th'));
  head2.append(el('th'));
  s.labs.forEach((lab, i) => {
    if (i) { head1.append(el('th', { class: 'gap' })); head2.append(el('th', { class: 'gap' })); }
    head1.append(el('th', { class: 'lab', colspan: String(lab.steps.length), title: lab.title }, lab.id));
    for (const st of lab.steps) head2.append(el('th', { class: 'step', title: st.title }, st.id));
  });
  table.append(head1, head2);
  for (const a of s.attendees) {
    const tr = el('tr', { 'data-attendee': a.id });
    if (a.id === selected) tr.className = 'selected';
    const who = el('td', { class: 'who' }, a.id + '  ' + a.namespace);
    if (a.hostClaimedBy.length) who.append(el('span', { class: 'warn', title: 'host also claimed by ' + a.hostClaimedBy.join(', ') }, ' ⚠'));
    who.onclick = () => { selected = a.id; draw(last); };
    tr.append(who);
    s.labs.forEach((lab, i) => {
      if (i) tr.append(el('td', { class: 'gap' }));
      for (const st of lab.steps) {
        const c = a.labs[lab.id][st.id];
        let tip = lab.id + ' / ' + st.id + ': ' + (c.status === 'not-tried' ? 'not tried' : c.status) + (c.message ? ' — ' + c.message : '');
        if (c.disagrees) tip += ' (instructor check: ' + c.verified.status + (c.verified.message ? ' — ' + c.verified.message : '') + ')';
        const td = el('td', { class: 'cell', 'data-lab': lab.id, 'data-step': st.id, 'data-status': c.status, title: tip });
        td.append(el('span', {}, c.disagrees ? '!' : c.status === 'passed' ? '✓' : c.status === 'failed' ? '✗' : ''));
        tr.append(td);
      }
    });
    table.append(tr);
  }
  const a = s.attendees.find((x) => x.id === selected);
  const d = $('#detail');
  if (!a) { d.textContent = 'Click an attendee for their detail.'; return; }
  const lines = ['Attendee ' + a.id + ' — namespace ' + a.namespace + ', host ' + a.host, a.passed + ' passed, ' + a.failed + ' failed' + (a.neverRecorded ? ' (nothing recorded yet)' : '')];
  if (a.lastFailure) lines.push('', 'Last failing check: ' + a.lastFailure.lab + ' / ' + a.lastFailure.step + ' at ' + a.lastFailure.at, a.lastFailure.message);
  if (a.hostClaimedBy.length) lines.push('', '⚠ host ' + a.host + ' is also claimed by ' + a.hostClaimedBy.join(', '));
  d.textContent = lines.join('\\n');
}
const events = new EventSource('events');
events.onmessage = (m) => draw(JSON.parse(m.data));
events.onerror = () => { $('#error').textContent = 'dashboard server unreachable; retrying…'; };
`;

export function dashboardPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>mesh-lab workshop</title><style>${CSS}</style></head>
<body>
<h1 id="title">Workshop</h1>
<div id="summary">reading the cluster…</div>
<div id="legend">legend:<span style="background:var(--pass)"></span>passed<span style="background:var(--fail)"></span>failed<span style="border:1px dashed var(--none)"></span>not tried</div>
<div id="error"></div>
<table id="grid"></table>
<div id="detail">Click an attendee for their detail.</div>
<script>${JS}</script>
</body></html>
`;
}
