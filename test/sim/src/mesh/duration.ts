// Istio durations as VirtualServices write them (protobuf Duration in its JSON form:
// "2s", "0.5s"; Istio's CRD also accepts Go-style "500ms", "1m", "1h"). → milliseconds.

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export function durationMs(raw: unknown): number | undefined {
  if (typeof raw !== 'string') return undefined;
  const parts = [...raw.trim().matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== raw.trim()) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
}
