export { evaluateHttpResult, headerValues, type HttpObservation } from './http.js';
export { classify, evaluateDistribution, type BucketResult, type DistributionOutcome } from './distribution.js';
export { evaluateResource, getPath } from './resource.js';
export { pollCheck, resolveRetry, type PollResult, type ResolvedRetry } from './retry.js';
