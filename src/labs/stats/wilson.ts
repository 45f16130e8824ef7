// The Wilson score interval for a binomial share, and the normal quantile it needs.
// Wilson (1927): for k successes in n trials, p̂ = k/n and z the two-sided normal
// quantile of the confidence,
//   centre = (p̂ + z²/2n) / (1 + z²/n)
//   half   = z / (1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²)
// Unlike p̂ ± z·√(p̂(1−p̂)/n) it stays inside [0, 1] and is not empty at k = 0 or k = n,
// which the 100/0 steps of a traffic shift need.

export interface Interval {
  /** bounds as shares in [0, 1] */
  low: number;
  high: number;
}

/**
 * Inverse of the standard normal CDF (Acklam's rational approximation, relative error
 * below 1.2e-9 over (0, 1)), enough for the confidences a lab may ask for.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normalQuantile needs 0 < p < 1, got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** z of a two-sided confidence given in percent, e.g. 99 → 2.5758. */
export function zForConfidence(confidencePercent: number): number {
  return normalQuantile(1 - (1 - confidencePercent / 100) / 2);
}

/** Wilson score interval of k successes in n trials at normal quantile z (n = 0: [0, 1]). */
export function wilsonInterval(k: number, n: number, z: number): Interval {
  if (n <= 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // k = 0 and k = n give exact bounds 0 and 1; keep them exact, not 1e-17 off.
  return { low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half) };
}

/** Whether a share (0–1) lies inside an interval, with room for float rounding. */
export function contains(i: Interval, share: number): boolean {
  return share >= i.low - 1e-12 && share <= i.high + 1e-12;
}
