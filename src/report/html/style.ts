/**
 * The whole stylesheet, inlined so the report opens from a file, an
 * e-mail attachment or an evidence pack with no network at all.
 */
export const REPORT_CSS = [
  '',
  ':root { color-scheme: light; --fg: #1b1f24; --muted: #57606a; ' +
    '--line: #d0d7de; --accent: #0969da; --bad: #cf222e; ' +
    '--warn: #9a6700; }',
  '* { box-sizing: border-box; }',
  'body { ' +
    'font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; ' +
    'color: var(--fg); margin: 0 auto; max-width: 1100px; ' +
    'padding: 1.5rem; }',
  'h1 { font-size: 1.8rem; margin: 0 0 .25rem; }',
  'h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; ' +
    'margin-top: 2rem; }',
  'h3 { margin: 0 0 .5rem; }',
  '.id { font: .85rem ui-monospace, monospace; color: var(--muted); ' +
    'font-weight: normal; }',
  '.muted { color: var(--muted); }',
  'nav ul { list-style: none; padding: 0; display: flex; gap: 1rem; ' +
    'flex-wrap: wrap; }',
  'nav a, th a { color: var(--accent); }',
  'table { border-collapse: collapse; margin: .5rem 0 1rem; }',
  'caption { text-align: left; font-weight: 600; padding: .25rem 0; }',
  'th, td { border: 1px solid var(--line); padding: .3rem .5rem; ' +
    'text-align: left; vertical-align: top; }',
  'code { font: .85em ui-monospace, monospace; overflow-wrap: anywhere; }',
  '.digest { font-size: .75em; }',
  '.charts { display: grid; ' +
    'grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); ' +
    'gap: 1rem; }',
  'figure { margin: 0; border: 1px solid var(--line); ' +
    'border-radius: 6px; padding: .5rem; }',
  'figcaption { font-weight: 600; }',
  '.chart { width: 100%; height: auto; }',
  '.chart .axis { stroke: var(--fg); stroke-width: 1; }',
  '.chart .line { fill: none; stroke: var(--accent); stroke-width: 2; }',
  '.chart .point { fill: var(--accent); }',
  '.chart .tick, .chart .axis-label, .chart .empty { font-size: 11px; ' +
    'fill: var(--muted); }',
  '.cards { display: grid; gap: 1rem; }',
  '.card { border: 1px solid var(--line); border-radius: 6px; ' +
    'padding: 1rem; break-inside: avoid; }',
  '.meta { display: grid; grid-template-columns: max-content 1fr; ' +
    'gap: .1rem 1rem; margin: 0 0 .5rem; }',
  '.meta dt { font-weight: 600; }',
  '.meta dd { margin: 0; }',
  '.scroll { overflow-x: auto; }',
  'h4 { margin: .75rem 0 .25rem; font-size: 1rem; }',
  '.codes { list-style: none; padding: 0; margin: 0; display: flex; ' +
    'flex-wrap: wrap; gap: .25rem .5rem; }',
  '.codes li { border: 1px solid var(--line); border-radius: 4px; ' +
    'padding: 0 .35rem; }',
  '.index td.num { text-align: right; }',
  '.index td.date { white-space: nowrap; }',
  '.matrix td.toxic { background: #ffebe9; color: var(--bad); ' +
    'font-weight: 600; }',
  '.matrix td.partial { background: #fff8c5; }',
  '.sev-error td:first-child { color: var(--bad); font-weight: 600; }',
  '.sev-warning td:first-child { color: var(--warn); font-weight: 600; }',
  '.sr { position: absolute; width: 1px; height: 1px; ' +
    'overflow: hidden; clip: rect(0 0 0 0); }',
  '@media print {',
  '  body { max-width: none; padding: 0; font-size: 11pt; }',
  '  nav { display: none; }',
  '  .scroll { overflow: visible; }',
  '  .charts { grid-template-columns: 1fr 1fr; }',
  '  figure, .card, tr { break-inside: avoid; }',
  '  .matrix td.toxic, .matrix td.partial { ' +
    '-webkit-print-color-adjust: exact; print-color-adjust: exact; }',
  '}',
  '',
].join('\n');
