// Every action kind a lab file may use. A new kind: its module, and one line here.
import { applyAction } from './apply.js';
import { execAction } from './exec.js';
import { runAction } from './run.js';
import { showAction } from './show.js';
import { waitAction } from './wait.js';

export const actionKinds = [applyAction, runAction, execAction, waitAction, showAction] as const;
