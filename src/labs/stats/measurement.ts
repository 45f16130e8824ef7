// What a measuring check carries besides pass/message: the numbers `--json lab check`
// prints as fields and the terminal draws as charts (src/ui/charts.ts).

/** Shares and bounds in percent (0–100). */
export interface ShareMeasurement {
  name: string;
  count: number;
  /** observed share of all samples taken */
  percent: number;
  /** expected share from the lab */
  expected: number;
  /** Wilson score interval of the observed count at the check's confidence */
  interval: { low: number; high: number };
  pass: boolean;
}

export interface SplitMeasurement {
  kind: 'split';
  /** samples taken (may be fewer than planned when the verdict came early) */
  total: number;
  planned: number;
  /** two-sided confidence of the intervals, percent */
  confidence: number;
  stoppedEarly: boolean;
  buckets: ShareMeasurement[];
  other: { count: number; percent: number; max: number; examples: string[] };
}

export interface LatencyMeasurement {
  kind: 'latency';
  samples: number;
  /** each request's duration in ms, in the order sent */
  durationsMs: number[];
  p50: number;
  p90: number;
  p99: number;
  /** requests that met the expectation (status, delay, timeout) and their share */
  hits: number;
  hitPercent: number;
  /** share the lab requires */
  requiredPercent: number;
}

export type Measurement = SplitMeasurement | LatencyMeasurement;
