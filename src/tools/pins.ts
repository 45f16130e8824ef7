// Every pinned upstream version, in one place: the tool manifest (manifest.ts),
// the defaults (src/config/defaults.ts) and everything else derive from these. Kept free of
// imports so the light curl/env start reads a default without loading the manifest, and
// inside src/tools so that folder still stands alone (tests run it in plain child processes).

/** kind release mesh-lab downloads (v0.33.0 defaults to Kubernetes 1.37: see manifest.ts) */
export const PINNED_KIND_VERSION = 'v0.32.0';

/** Istio release: istioctl of exactly this version installs it */
export const PINNED_ISTIO_VERSION = '1.30.3';

/**
 * Kubernetes of the kind node image; kubectl is pinned to the same release, the middle of
 * the skew window it supports.
 */
export const PINNED_KUBERNETES_VERSION = 'v1.36.1';
export const PINNED_KUBECTL_VERSION = PINNED_KUBERNETES_VERSION;

export const PINNED_MINIKUBE_VERSION = 'v1.38.1';

/** kind v0.32.0's default node image (kubernetes-sigs/kind pkg/apis/config/defaults/image.go) */
export const PINNED_KIND_NODE_IMAGE = `kindest/node:${PINNED_KUBERNETES_VERSION}@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5`;

/**
 * Gateway API release whose standard-channel CRDs `up --gateway-api` installs when absent:
 * the version Istio 1.30.0-1.30.3 pin (go.mod sigs.k8s.io/gateway-api v1.5.1).
 */
export const PINNED_GATEWAY_API_VERSION = 'v1.5.1';
