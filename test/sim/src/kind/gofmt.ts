// Go formatting details kind's output depends on: time.Duration.String() after
// rounding to seconds, %q of strings and string slices, and shellescape.Quote.

/** Go's Duration.String() for a whole number of seconds ("0s", "17s", "2m0s", "1h0m0s"). */
export function goSeconds(ms: number): string {
  const total = Math.round(ms / 1000);
  if (total === 0) return '0s';
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

export function goQuote(s: string): string {
  return JSON.stringify(s);
}

/** %q of a slice: ["a" "b"] */
export function goQuoteList(items: string[]): string {
  return `[${items.map(goQuote).join(' ')}]`;
}

/** al.essio.dev/pkg/shellescape Quote: safe strings as-is, else single-quoted. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (!/[^\w@%+=:,./-]/.test(s)) return s;
  return `'${s.replace(/'/g, `'"'"'`)}'`;
}
