/**
 * Minimal version handling for tool and Kubernetes versions ("v1.36.1", "1.30.0",
 * "v1.36.1-rc.0+abc"). Pre-release suffixes are ignored for range checks on purpose:
 * a user's "1.30.0-rc.1" istioctl counts as 1.30.0.
 */
export interface Version {
  major: number;
  minor: number;
  patch: number;
  raw: string;
}

const VERSION_RE = /v?(\d+)\.(\d+)(?:\.(\d+))?/;

export function parseVersion(text: string | undefined | null): Version | undefined {
  if (!text) return undefined;
  const m = VERSION_RE.exec(text);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: m[3] === undefined ? 0 : Number(m[3]), raw: m[0] };
}

export function compareVersions(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

export function minorOf(v: Version): string {
  return `${v.major}.${v.minor}`;
}

/** Inclusive lower bound, exclusive upper bound, e.g. { min: '1.30.0', below: '1.31.0' }. */
export interface VersionRange {
  min: string;
  below: string;
}

export function inRange(v: Version, range: VersionRange): boolean {
  const min = parseVersion(range.min);
  const below = parseVersion(range.below);
  if (!min || !below) throw new Error(`bad version range ${JSON.stringify(range)}`);
  return compareVersions(v, min) >= 0 && compareVersions(v, below) < 0;
}

export function describeRange(range: VersionRange): string {
  return `>=${range.min} <${range.below}`;
}

/** The range of the same major.minor as `v` (">=1.30.0 <1.31.0"). */
export function sameMinorRange(v: Version): VersionRange {
  return { min: `${v.major}.${v.minor}.0`, below: `${v.major}.${v.minor + 1}.0` };
}
