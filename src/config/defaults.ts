// Defaults in one place, so README, --help and the code cannot drift apart.
import { PINNED_ISTIO_VERSION } from '../tools/pins.js';

export const DEFAULTS = {
  /** the environment `up` makes when no --environment is given */
  environment: 'mesh-lab',
  provider: 'kind',
  clusterName: 'mesh-lab',
  istioVersion: PINNED_ISTIO_VERSION,
  profile: 'default',
  namespace: 'mesh-lab',
  /**
   * hashicorp/http-echo: a ~5 MB multi-arch (amd64/arm64) public image that answers any
   * path with fixed text on a port given by flag. The tutorial's route forwards
   * /helloworld unchanged, so the app must answer that path; Istio's helloworld sample
   * only answers /hello on port 5000.
   */
  image: 'hashicorp/http-echo:1.0',
  appPort: 9095,
  responseText: 'Hello World',
  path: '/helloworld',
  /** the classic Istio ingress nodePorts, so tutorials that say :31380 work as written */
  httpNodePort: 31380,
  httpsNodePort: 31390,
  listenAddress: '127.0.0.1',
  /** kind create cluster --wait, in seconds */
  clusterWaitSeconds: 120,
  outboundTrafficPolicy: 'ALLOW_ANY',
  rolloutTimeoutSeconds: 180,
  verifyTimeoutSeconds: 120,
  consecutiveSuccesses: 3,
  /**
   * mesh-lab's own floor for a minikube lab (istio.io's minikube page asks for
   * --cpus=4 --memory=16384); `up` shrinks it to what Docker has, down to minikube's minimums
   */
  minikubeDriver: 'docker',
  minikubeCpus: 4,
  minikubeMemoryMb: 8192,
} as const;
