/** networking.istio.io/v1 is served from Istio 1.22 on; older releases need v1beta1. */
export function networkingApiVersion(istioVersion: string): string {
  const [major, minor] = istioVersion.split('.').map((n) => Number.parseInt(n, 10));
  if (major === undefined || minor === undefined || Number.isNaN(major) || Number.isNaN(minor)) return 'networking.istio.io/v1';
  return major > 1 || minor >= 22 ? 'networking.istio.io/v1' : 'networking.istio.io/v1beta1';
}
