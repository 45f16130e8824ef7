// Distinct, documented exit codes (README "Exit codes"). Scripts and CI jobs branch on
// these, so a value never changes meaning once released.
export const ExitCode = {
  Ok: 0,
  /** a bug in mesh-lab: the only case that prints a stack trace (under --verbose) */
  Internal: 1,
  /** bad flags or values */
  Usage: 2,
  /** something mesh-lab needs is missing: Docker down, a tool not found */
  Prerequisite: 3,
  /** an external tool (kind, kubectl, istioctl, minikube) failed */
  ToolFailed: 4,
  /** the lab came up but the route/check did not answer as expected in time */
  VerificationFailed: 5,
  /** no environment state / no such cluster, environment or lab */
  NotFound: 6,
  /** something exists that mesh-lab must not change (incompatible cluster, not ours) */
  Conflict: 7,
  /** `curl --fail` saw a non-2xx answer */
  HttpFailure: 22,
  /** interrupted by Ctrl-C */
  Interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
