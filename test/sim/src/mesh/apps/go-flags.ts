// Go's standard `flag` package argument forms (-name=value, --name=value,
// -name value), which Go programs such as http-echo accept.

export function goFlag(args: string[] | undefined, name: string): string | undefined {
  const a = args ?? [];
  let value: string | undefined;
  for (let i = 0; i < a.length; i++) {
    const arg = a[i]!;
    if (arg === '--') break;
    const m = /^--?([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!m || m[1] !== name) continue;
    if (m[2] !== undefined) value = m[2];
    else if (i + 1 < a.length) value = a[++i];
  }
  return value;
}

/** Port of a Go listen address (":5678", "0.0.0.0:8080", "[::]:80"). */
export function portOfListenAddr(addr: string): number | undefined {
  const m = /:(\d+)$/.exec(addr);
  return m ? Number(m[1]) : undefined;
}
