// klog's text header, "Lmmdd hh:mm:ss.uuuuuu threadid file:line] ", and the quoting of a
// structured value (Go's %q: backslash before `"` and `\`). Format: k8s.io/klog/v2
// klog.go formatHeader (thread id right-aligned in 7 columns) and textlogger's KVListFormat.
export function klogHeader(severity: 'E' | 'I' | 'W', fileLine: string, d = new Date()): string {
  const pad = (x: number, w = 2) => String(x).padStart(w, '0');
  return `${severity}${pad(d.getMonth() + 1)}${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds() * 1000, 6)} ${String(process.pid).padStart(7)} ${fileLine}] `;
}

export function goQuote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
