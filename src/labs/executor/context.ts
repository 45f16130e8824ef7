// Everything a lab step needs to act on the lab's cluster: tools bound to its context,
// the discovered ingress, the lab's namespace and runtime parameters.
import type { Istioctl } from '../../istio/istioctl.js';
import type { Kubectl } from '../../kube/kubectl.js';
import type { IngressEndpoint } from '../../state/environment-state.js';
import type { LabKinds } from '../kinds.js';
import type { Params } from '../render.js';
import type { LoadedLab } from '../types.js';

export interface StepReporter {
  /** a command shown exactly as the learner would type it */
  shown(command: string): void;
  /** output of a command, or a note */
  info(text: string): void;
}

export interface ExecContext {
  loaded: LoadedLab;
  kubectl: Kubectl;
  istioctl: Istioctl;
  ingress?: IngressEndpoint;
  /** a joined workshop environment: the Host ingress requests carry unless a check sets one */
  ingressHost?: string;
  namespace: string;
  runtime: Params;
  report: StepReporter;
  /** caps every check's retry window (`lab check --wait`) */
  maxWaitSeconds?: number;
  /** The check and action kinds the lab was loaded with (default: the built-in ones). */
  kinds?: LabKinds;
}
