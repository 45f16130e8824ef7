// When a distribution check may stop sending requests. The verdict at the planned n is
// "every expected share lies inside the Wilson interval of its bucket's count" (and the
// unmatched "other" share is not above its maximum). After each batch:
// - fail early when that final verdict can no longer be a pass: for some bucket, no
//   count it could reach with the remaining samples (from its count now to count now +
//   remaining) gives a final interval that contains the expected share; or "other" is
//   already above its maximum for sure (its count only grows);
// - pass early when every bucket's interval, now, contains its expected share and lies
//   within expected ± tolerance (the lab's precision), its observed share is within half
//   the tolerance (an interval clipped at 0 or 1, like 40/40 for 90 %, is narrow on one
//   side only), and the interval of "other" reaches down to its maximum: the split is
//   both consistent and measured precisely enough.
// Otherwise continue; at the planned n the verdict is final either way.
import { contains, wilsonInterval, type Interval } from './wilson.js';

export interface BucketTally {
  count: number;
  /** expected share and precision, as shares in [0, 1] */
  expected: number;
  tolerance: number;
}

export interface TallyState {
  buckets: readonly BucketTally[];
  other: number;
  /** maximum acceptable "other" share in [0, 1] */
  maxOther: number;
  taken: number;
  planned: number;
  z: number;
}

export type Verdict = 'pass' | 'fail' | 'continue';

/** Whether some count in [from, to] out of n has an interval containing `share`. */
function reachable(from: number, to: number, n: number, share: number, z: number): boolean {
  for (let k = from; k <= to; k++) if (contains(wilsonInterval(k, n, z), share)) return true;
  return false;
}

function within(i: Interval, expected: number, tolerance: number): boolean {
  return i.low >= expected - tolerance - 1e-12 && i.high <= expected + tolerance + 1e-12;
}

/** The final verdict for the counts as they are. */
export function finalVerdict(s: TallyState): boolean {
  const n = s.taken;
  if (n === 0) return false;
  const otherOk = s.other === 0 || wilsonInterval(s.other, n, s.z).low <= s.maxOther + 1e-12;
  return otherOk && s.buckets.every((b) => contains(wilsonInterval(b.count, n, s.z), b.expected));
}

export function verdict(s: TallyState): Verdict {
  if (s.taken >= s.planned) return finalVerdict(s) ? 'pass' : 'fail';
  const remaining = s.planned - s.taken;
  const N = s.planned;
  if (s.buckets.some((b) => !reachable(b.count, b.count + remaining, N, b.expected, s.z))) return 'fail';
  if (s.other / N > s.maxOther && wilsonInterval(s.other, N, s.z).low > s.maxOther) return 'fail';
  const n = s.taken;
  const precise = s.buckets.every((b) => {
    const i = wilsonInterval(b.count, n, s.z);
    return contains(i, b.expected) && within(i, b.expected, b.tolerance) && Math.abs(b.count / n - b.expected) <= b.tolerance / 2 + 1e-12;
  });
  const otherOk = s.other === 0 || wilsonInterval(s.other, n, s.z).low <= s.maxOther;
  return precise && otherOk ? 'pass' : 'continue';
}
