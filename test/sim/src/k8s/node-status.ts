// The conditions of a healthy node, as the kubelet reports them (same for kind and
// minikube nodes, and for the node kubectl synthesizes when none was seeded).
export function readyNodeConditions(heartbeat: string, transition: string) {
  const cond = (type: string, status: string, reason: string, message: string) => ({ lastHeartbeatTime: heartbeat, lastTransitionTime: transition, message, reason, status, type });
  return [
    cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}
