// A step's Markdown for the terminal: the subset lab texts use (paragraphs, **bold**,
// *emphasis*, `code`, fenced code blocks, - and 1. lists, # headings, > quotes, [links](url)),
// re-wrapped at word boundaries to the terminal's width. Styles are ANSI only when colour
// is on; otherwise the marks are dropped and the text is plain. Hand-written on purpose:
// `lab step` starts in a few tens of ms, and a Markdown library would be most of that.

export interface MarkdownStyle {
  /** columns to wrap at */
  width: number;
  /** ANSI styles (a TTY without NO_COLOR) or plain text */
  color: boolean;
}

type Kind = 'bold' | 'em' | 'code' | 'url';

interface Span {
  text: string;
  /** outermost first: `*see `x`*` is em, then em+code */
  kinds: Kind[];
}

interface Word {
  text: string;
  kinds: Kind[];
  /** no space before this word (punctuation after a styled span) */
  glued: boolean;
}

const ANSI: Record<Kind, [string, string]> = {
  bold: ['\x1b[1m', '\x1b[22m'],
  em: ['\x1b[3m', '\x1b[23m'],
  code: ['\x1b[36m', '\x1b[39m'],
  url: ['\x1b[4m', '\x1b[24m'],
};

// one inline span: `code`, **bold**, *em*, [text](url)
const INLINE = /`([^`]+)`|\*\*(.+?)\*\*|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])|\[([^\]]+)\]\(([^)\s]+)\)/g;

function spans(text: string, outer: Kind[] = []): Span[] {
  const out: Span[] = [];
  const plain = (t: string) => out.push({ text: t, kinds: outer });
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) plain(text.slice(last, m.index));
    if (m[1] !== undefined) out.push({ text: m[1], kinds: [...outer, 'code'] });
    else if (m[2] !== undefined) out.push(...spans(m[2], [...outer, 'bold']));
    else if (m[3] !== undefined) out.push(...spans(m[3], [...outer, 'em']));
    else if (m[4] === m[5]) out.push({ text: m[5]!, kinds: [...outer, 'url'] });
    else {
      out.push(...spans(m[4]!, outer));
      plain(' (');
      out.push({ text: m[5]!, kinds: [...outer, 'url'] });
      plain(')');
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) plain(text.slice(last));
  return out;
}

/** The words of an inline text, each with its style; a word touching the previous one is glued to it. */
function words(text: string): Word[] {
  const out: Word[] = [];
  let spaceBefore = true;
  for (const s of spans(text)) {
    const parts = s.text.split(/(\s+)/);
    for (const p of parts) {
      if (p === '') continue;
      if (/^\s+$/.test(p)) {
        spaceBefore = true;
        continue;
      }
      out.push({ text: p, kinds: s.kinds, glued: !spaceBefore && out.length > 0 });
      spaceBefore = false;
    }
  }
  return out;
}

function paint(w: Word, color: boolean): string {
  if (!color) return w.text;
  return w.kinds.reduceRight((t, k) => `${ANSI[k][0]}${t}${ANSI[k][1]}`, w.text);
}

/** Fills lines up to `width` visible columns; `first` prefixes the first line, `rest` the others. A word longer than a line gets a line of its own, never split. */
function fill(text: string, style: MarkdownStyle, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let visible = first.length;
  let empty = true;
  const groups: Word[][] = [];
  for (const w of words(text)) (w.glued && groups.length ? groups[groups.length - 1]! : (groups.push([]), groups[groups.length - 1]!)).push(w);
  for (const g of groups) {
    const len = g.reduce((n, w) => n + w.text.length, 0);
    const painted = g.map((w) => paint(w, style.color)).join('');
    if (!empty && visible + 1 + len > style.width) {
      lines.push(line);
      line = rest;
      visible = rest.length;
      empty = true;
    }
    line += (empty ? '' : ' ') + painted;
    visible += (empty ? 0 : 1) + len;
    empty = false;
  }
  lines.push(line);
  return lines;
}

const LIST_ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;

/** Renders Markdown for the terminal (see the header); the result has no trailing newline. */
export function renderMarkdown(md: string, style: MarkdownStyle): string {
  const src = md.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  const blank = () => {
    if (out.length && out[out.length - 1] !== '') out.push('');
  };
  let i = 0;
  while (i < src.length) {
    const line = src[i]!;
    if (line.trim() === '') {
      blank();
      i++;
    } else if (/^\s*(```|~~~)/.test(line)) {
      // a fenced code block: verbatim, indented, never wrapped (commands must stay copyable)
      const fence = line.trim().slice(0, 3);
      blank();
      for (i++; i < src.length && !src[i]!.trim().startsWith(fence); i++) out.push(`    ${style.color ? `${ANSI.code[0]}${src[i]}${ANSI.code[1]}` : src[i]}`);
      i++;
      blank();
    } else if (/^#{1,6}\s/.test(line)) {
      blank();
      const text = line.replace(/^#+\s*/, '').replace(/\s*#*$/, '');
      out.push(...fill(style.color ? `**${text}**` : text, style));
      blank();
      i++;
    } else if (LIST_ITEM.test(line)) {
      const [, indent = '', marker = '-', first = ''] = LIST_ITEM.exec(line)!;
      let text = first;
      // continuation lines: indented, neither blank nor a new item
      for (i++; i < src.length && /^\s+\S/.test(src[i]!) && !LIST_ITEM.test(src[i]!); i++) text += ` ${src[i]!.trim()}`;
      const bullet = /\d/.test(marker) ? marker : style.color ? '•' : '-';
      const pad = ' '.repeat(Math.min(indent.length, 8));
      out.push(...fill(text, style, `${pad}${bullet} `, `${pad}${' '.repeat(bullet.length + 1)}`));
    } else if (line.startsWith('>')) {
      let text = '';
      for (; i < src.length && src[i]!.startsWith('>'); i++) text += ` ${src[i]!.replace(/^>\s?/, '')}`;
      out.push(...fill(text.trim(), style, '  │ '));
    } else {
      // a paragraph: its source line breaks are spaces
      let text = line.trim();
      for (i++; i < src.length && src[i]!.trim() !== '' && !LIST_ITEM.test(src[i]!) && !/^\s*(```|~~~|#{1,6}\s|>)/.test(src[i]!); i++) text += ` ${src[i]!.trim()}`;
      out.push(...fill(text, style));
    }
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}
