// Every check kind a lab file may use. A new kind: its module, and one line here.
import { distributionCheck } from './distribution.js';
import { httpCheck } from './http.js';
import { resourceCheck } from './resource.js';

export const checkKinds = [httpCheck, distributionCheck, resourceCheck] as const;
