// Istio's matching primitives: StringMatch (exact/prefix/regex) and host matching
// with wildcards, as Envoy applies them to a request.

export interface StringMatch {
  exact?: string;
  prefix?: string;
  regex?: string;
}

const regexCache = new Map<string, RegExp | null>();

/** Envoy safe_regex (RE2) uses full-match semantics; RE2 syntax is close enough to JS for sim use. */
function fullRegex(src: string, flags = ''): RegExp | null {
  const key = `${flags}/${src}`;
  if (!regexCache.has(key)) {
    try {
      regexCache.set(key, new RegExp(`^(?:${src})$`, flags));
    } catch {
      regexCache.set(key, null); // invalid regex never matches (Istio would reject it)
    }
  }
  return regexCache.get(key) ?? null;
}

export function stringMatches(m: StringMatch | undefined, value: string | undefined, ignoreCase = false): boolean {
  if (!m) return true;
  // An empty StringMatch only asks for presence (headers/queryParams).
  if (m.exact === undefined && m.prefix === undefined && m.regex === undefined) return value !== undefined;
  if (value === undefined) return false;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (m.exact !== undefined) return v === (ignoreCase ? m.exact.toLowerCase() : m.exact);
  if (m.prefix !== undefined) return v.startsWith(ignoreCase ? m.prefix.toLowerCase() : m.prefix);
  const re = fullRegex(m.regex!, ignoreCase ? 'i' : '');
  return re !== null && re.test(value);
}

/** Lower-cases and strips the port from a Host/:authority value. */
export function normalizeHost(raw: string | undefined): string {
  if (!raw) return '';
  let h = raw.trim().toLowerCase();
  if (h.startsWith('[')) {
    const end = h.indexOf(']');
    return end === -1 ? h : h.slice(0, end + 1);
  }
  const colon = h.lastIndexOf(':');
  if (colon !== -1 && /^\d+$/.test(h.slice(colon + 1))) h = h.slice(0, colon);
  return h;
}

/**
 * How specifically `pattern` (a Gateway or VirtualService host) matches `host`;
 * -1 = no match. Exact beats any wildcard; longer wildcard suffixes beat shorter
 * ones; `*` matches everything with the lowest score (Envoy's virtual host order).
 */
export function hostMatchScore(pattern: string, host: string): number {
  const p = pattern.toLowerCase();
  if (p === '*') return 0;
  if (p.startsWith('*.') || p.startsWith('*')) {
    const suffix = p.slice(1); // ".example.com"
    return host.endsWith(suffix) && host.length > suffix.length ? suffix.length : -1;
  }
  return p === host ? 10_000 + p.length : -1;
}
