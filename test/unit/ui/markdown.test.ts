// Step text for the terminal: recorded renderings at 80 and 120 columns (plain), the ANSI
// styles on a colour terminal, and the Markdown marks never reaching a piped output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatStepView, terminalStyle, type StepView } from '../../../src/commands/lab/lab-format.js';
import { renderMarkdown } from '../../../src/ui/markdown.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const source = fixture('step.md');
const visible = (s: string) => s.replace(/\x1b\[\d+m/g, '');

describe('renderMarkdown', () => {
  it.each([80, 120])('matches the recorded plain rendering at %i columns', (width) => {
    expect(`${renderMarkdown(source, { width, color: false })}\n`).toBe(fixture(`step.${width}.txt`));
  });

  it.each([80, 120])('wraps at word boundaries within %i columns, except a word or code line longer than a line', (width) => {
    const lines = renderMarkdown(source, { width, color: true }).split('\n').map(visible);
    const long = lines.filter((l) => [...l].length > width);
    expect(long.every((l) => l.includes('https://example.com/a/very/long') || l.startsWith('    kubectl'))).toBe(true);
    // every word of the source survives whole: no word is cut at a line end
    for (const w of ['helloworld-v1', 'DestinationRule', 'x-mesh-lab-egress:', 'istio-egressgateway,']) expect(lines.join(' ')).toContain(w);
  });

  it('drops the marks when plain: no **, backticks or [text](url) left', () => {
    const out = renderMarkdown(source, { width: 80, color: false });
    expect(out).not.toMatch(/\*\*|`|\]\(/);
    expect(out).toContain('Read the Istio task\n(https://istio.io/latest/docs/tasks/traffic-management/traffic-shifting/) for');
    expect(out).not.toContain('\x1b[');
  });

  it('styles bold, inline code, emphasis and links with ANSI on a colour terminal', () => {
    const out = renderMarkdown('Istio\'s **helloworld** on `port 5000`, *see* [docs](https://istio.io).', { width: 80, color: true });
    expect(out).toBe("Istio's \x1b[1mhelloworld\x1b[22m on \x1b[36mport\x1b[39m \x1b[36m5000\x1b[39m, \x1b[3msee\x1b[23m docs (\x1b[4mhttps://istio.io\x1b[24m).");
  });

  it('keeps a paragraph of short source lines as one paragraph, and lists apart', () => {
    expect(renderMarkdown('one\ntwo\n\n- a\n  b\n- c', { width: 80, color: false })).toBe('one two\n\n- a b\n- c');
  });
});

describe('lab step text', () => {
  const view: StepView = { number: 1, of: 2, id: 'deploy', title: 'Deploy', optional: false, text: 'Deploy **helloworld**: `kubectl apply`.', commands: [], checks: [] };

  it('is plain and 80 columns wide when piped, styled on a TTY, plain under NO_COLOR', () => {
    const piped = { isTTY: false } as NodeJS.WriteStream;
    const tty = { isTTY: true, columns: 120 } as NodeJS.WriteStream;
    expect(terminalStyle(piped, {})).toEqual({ width: 80, color: false });
    expect(terminalStyle(tty, {})).toEqual({ width: 120, color: true });
    expect(terminalStyle(tty, { NO_COLOR: '1' })).toEqual({ width: 120, color: false });
    expect(formatStepView(view, terminalStyle(piped, {}))).toBe('Step 1/2: Deploy\n\nDeploy helloworld: kubectl apply.');
  });
});
