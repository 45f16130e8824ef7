// The subset of kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath) that
// scripts use: `{.a.b}`, `[n]`, `[*]`, `['key.with.dots']`, `[?(@.k=="v")]`, `..name`
// is not supported; `{range ...}{end}`, string literals `{"\n"}` and plain text are.
// Several results are joined with spaces; maps and lists print as JSON, like kubectl.
import { ApiError } from '../k8s/errors.js';

type Node = { text: string } | { path: string } | { range: string; body: Node[] };

function tokenize(tpl: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  while (i < tpl.length) {
    const open = tpl.indexOf('{', i);
    if (open === -1) {
      stack[stack.length - 1]!.push({ text: tpl.slice(i) });
      break;
    }
    if (open > i) stack[stack.length - 1]!.push({ text: tpl.slice(i, open) });
    const close = tpl.indexOf('}', open);
    if (close === -1) throw new ApiError('', `error parsing jsonpath ${tpl}, unclosed action`);
    const inner = tpl.slice(open + 1, close).trim();
    i = close + 1;
    if (inner.startsWith('range ')) {
      const node: Node = { range: inner.slice(6).trim(), body: [] };
      stack[stack.length - 1]!.push(node);
      stack.push(node.body);
    } else if (inner === 'end') {
      if (stack.length === 1) throw new ApiError('', `error parsing jsonpath ${tpl}, not in range, nothing to end`);
      stack.pop();
    } else if (/^"(.*)"$/s.test(inner) || /^'(.*)'$/s.test(inner)) {
      let text = inner.slice(1, -1);
      try {
        text = JSON.parse(`"${text}"`) as string;
      } catch {
        /* not a Go-escaped literal: keep it as written */
      }
      stack[stack.length - 1]!.push({ text });
    } else {
      stack[stack.length - 1]!.push({ path: inner });
    }
  }
  return root;
}

function steps(path: string): string[] {
  const out: string[] = [];
  let p = path.startsWith('$') ? path.slice(1) : path;
  while (p.length) {
    if (p.startsWith('.')) {
      const m = p.slice(1).match(/^[^.[\]]*/)!;
      if (m[0]) out.push(`.${m[0]}`);
      p = p.slice(1 + m[0].length);
    } else if (p.startsWith('[')) {
      let depth = 0;
      let j = 0;
      for (; j < p.length; j++) {
        if (p[j] === '[') depth++;
        if (p[j] === ']' && --depth === 0) break;
      }
      out.push(p.slice(0, j + 1));
      p = p.slice(j + 1);
    } else {
      const m = p.match(/^[^.[\]]*/)!;
      out.push(`.${m[0]}`);
      p = p.slice(m[0].length);
    }
  }
  return out;
}

function evalPath(data: unknown[], path: string): unknown[] {
  let cur = data;
  for (const s of steps(path)) {
    const next: unknown[] = [];
    for (const v of cur) {
      if (s.startsWith('.')) {
        const key = s.slice(1);
        if (v && typeof v === 'object' && !Array.isArray(v) && key in (v as object)) next.push((v as any)[key]);
        continue;
      }
      const inner = s.slice(1, -1).trim();
      if (inner === '*') {
        if (Array.isArray(v)) next.push(...v);
        else if (v && typeof v === 'object') next.push(...Object.values(v));
      } else if (/^-?\d+$/.test(inner)) {
        if (Array.isArray(v)) {
          const n = Number(inner);
          const item = v[n < 0 ? v.length + n : n];
          if (item !== undefined) next.push(item);
        }
      } else if (/^'.*'$|^".*"$/.test(inner)) {
        const key = inner.slice(1, -1);
        if (v && typeof v === 'object' && key in (v as object)) next.push((v as any)[key]);
      } else if (inner.startsWith('?(')) {
        const m = inner.match(/^\?\(@(\.[^=!<>]+?)\s*(==|!=)\s*(?:"([^"]*)"|'([^']*)'|(\S+))\)$/);
        const exists = inner.match(/^\?\(@(\.[^=!<>)]+)\)$/);
        if (!Array.isArray(v)) continue;
        for (const item of v) {
          if (m) {
            const got = evalPath([item], m[1]!)[0];
            const want = m[3] ?? m[4] ?? m[5];
            const eq = String(got) === want;
            if ((m[2] === '==') === eq && got !== undefined) next.push(item);
          } else if (exists) {
            if (evalPath([item], exists[1]!).length) next.push(item);
          }
        }
      } else {
        const range = inner.match(/^(-?\d*):(-?\d*)$/);
        if (range && Array.isArray(v)) next.push(...v.slice(range[1] ? Number(range[1]) : 0, range[2] ? Number(range[2]) : undefined));
      }
    }
    cur = next;
  }
  return cur;
}

function fmt(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null) return 'null';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function render(nodes: Node[], data: unknown): string {
  let out = '';
  for (const n of nodes) {
    if ('text' in n) out += n.text;
    else if ('path' in n) out += evalPath([data], n.path).map(fmt).join(' ');
    else for (const item of evalPath([data], n.range)) out += render(n.body, item);
  }
  return out;
}

export function jsonpath(template: string, data: unknown): string {
  return render(tokenize(template), data);
}
