// Small pictures for the terminal: a horizontal bar per bucket of a traffic split and a
// latency histogram. Plain text; colour (green for a share that passed, red otherwise,
// cyan for latency)
// only when the caller says so (a TTY without NO_COLOR: useColor in ./output.ts). Under
// --json nothing is drawn: the numbers are fields of the check result.

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const GREEN = '\u001b[32m';
const RED = '\u001b[31m';
const DIM = '\u001b[2m';
const CYAN = '\u001b[36m';
const RESET = '\u001b[0m';

/** A bar of `fraction` (0–1) of `width` cells, in eighths of a cell, padded to `width`. */
export function bar(fraction: number, width: number): string {
  const eighths = Math.round(Math.min(1, Math.max(0, fraction)) * width * 8);
  const s = '█'.repeat(Math.floor(eighths / 8)) + EIGHTHS[eighths % 8]!;
  return s.padEnd(width, ' ');
}

function paint(text: string, code: string, color: boolean): string {
  return color ? `${code}${text}${RESET}` : text;
}

export interface SplitRow {
  name: string;
  count: number;
  /** observed share, percent */
  percent: number;
  /** expected share, percent */
  expected: number;
  pass: boolean;
}

/** `v1 ███████████████▉  91 % (182/200)  expected 90 %`, one aligned line per row. */
export function splitBars(rows: readonly SplitRow[], total: number, opts: { color: boolean; width?: number }): string[] {
  const width = opts.width ?? 24;
  const nameW = Math.max(...rows.map((r) => r.name.length));
  const countW = String(total).length;
  return rows.map((r) => {
    const b = paint(bar(r.percent / 100, width), r.pass ? GREEN : RED, opts.color);
    const pct = `${String(Math.round(r.percent)).padStart(3)} %`;
    const counts = `(${String(r.count).padStart(countW)}/${total})`;
    return `${r.name.padEnd(nameW)} ${b} ${pct} ${counts}  ${paint(`expected ${round1(r.expected)} %`, DIM, opts.color)}`;
  });
}

/** A histogram of durations in up to `bins` equal-width bins between the fastest and the slowest. */
export function latencyHistogram(durationsMs: readonly number[], opts: { color: boolean; bins?: number; width?: number }): string[] {
  if (durationsMs.length === 0) return [];
  const width = opts.width ?? 24;
  const min = Math.floor(Math.min(...durationsMs));
  const max = Math.ceil(Math.max(...durationsMs));
  const n = max - min < 1 ? 1 : Math.min(opts.bins ?? 6, durationsMs.length);
  const step = Math.max(1, Math.ceil((max - min + 1) / n));
  const counts = Array.from({ length: n }, () => 0);
  for (const d of durationsMs) counts[Math.min(n - 1, Math.floor((d - min) / step))]!++;
  const labels = counts.map((_, i) => `${min + i * step}–${i === n - 1 ? max : min + (i + 1) * step - 1} ms`);
  const labelW = Math.max(...labels.map((l) => l.length));
  const peak = Math.max(...counts);
  return counts.map((c, i) => `${labels[i]!.padStart(labelW)} ${paint(bar(c / peak, width), CYAN, opts.color)} ${c}`);
}

function round1(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}
