/** How every kubectl/istioctl call reaches the lab's cluster: both always named explicitly. */
export interface ClusterAccess {
  kubeconfig: string;
  context: string;
}
