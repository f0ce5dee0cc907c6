/**
 * A small, strict XML reader producing a plain element tree. Written for speed on large MusicXML files (a
 * single indexOf-driven pass, sticky regexes for names and attributes); it checks well-formedness (matching tags,
 * one root, closed comments/CDATA) and reports problems with their line. DTDs are skipped, not processed: only the
 * five predefined entities and numeric character references are expanded.
 */
import { UserError } from '../errors.js';

/** A plain XML element: name, attributes, child elements in order, and its own text (trimmed). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;
const ATTR = /\s+([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
const TAG_END = /\s*(\/?)>/y;
const ENTITY = /&(?:#(\d+)|#x([0-9A-Fa-f]+)|(lt|gt|amp|quot|apos));/g;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(ENTITY, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name];
    const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\uFFFD';
  });
}

/** Parses XML text into its root element; malformed XML is a UserError with the line of the problem. */
export function parseXml(text: string, file: string): XmlElement {
  const lineAt = (pos: number) => {
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < pos; i = text.indexOf('\n', i + 1)) line++;
    return `line ${line}`;
  };
  const fail = (msg: string, pos: number): never => {
    throw new UserError(`malformed XML: ${msg}`, { file, where: lineAt(pos) });
  };
  const stack: XmlElement[] = [];
  const openedAt: number[] = [];
  let root: XmlElement | undefined;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  const addText = (s: string, at: number) => {
    const top = stack[stack.length - 1];
    if (top) top.text += s;
    else if (s.trim() !== '') fail('text outside the root element', at);
  };
  while (pos < n) {
    const lt = text.indexOf('<', pos);
    if (lt < 0) {
      addText(decode(text.slice(pos)), pos);
      break;
    }
    if (lt > pos) addText(decode(text.slice(pos, lt)), pos);
    const c = text.charCodeAt(lt + 1);
    if (c === 0x21 /* ! */) {
      if (text.startsWith('<!--', lt)) {
        const end = text.indexOf('-->', lt + 4);
        if (end < 0) fail('comment not closed', lt);
        pos = end + 3;
      } else if (text.startsWith('<![CDATA[', lt)) {
        const end = text.indexOf(']]>', lt + 9);
        if (end < 0) fail('CDATA section not closed', lt);
        addText(text.slice(lt + 9, end), lt);
        pos = end + 3;
      } else if (text.startsWith('<!DOCTYPE', lt)) {
        // Skip the declaration, including an internal subset in [...].
        let i = lt + 9;
        let depth = 0;
        for (; i < n; i++) {
          const ch = text[i];
          if (ch === '"' || ch === "'") i = text.indexOf(ch, i + 1) < 0 ? n : text.indexOf(ch, i + 1);
          else if (ch === '[') depth++;
          else if (ch === ']') depth--;
          else if (ch === '>' && depth <= 0) break;
        }
        if (i >= n) fail('DOCTYPE not closed', lt);
        pos = i + 1;
      } else fail('unexpected "<!"', lt);
    } else if (c === 0x3f /* ? */) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) fail('processing instruction not closed', lt);
      pos = end + 2;
    } else if (c === 0x2f /* / */) {
      NAME.lastIndex = lt + 2;
      const m = NAME.exec(text);
      if (!m) fail('bad closing tag', lt);
      TAG_END.lastIndex = NAME.lastIndex;
      const e = TAG_END.exec(text);
      if (!e || e[1] === '/') fail(`bad closing tag </${m![0]}`, lt);
      const top = stack.pop();
      if (!top) fail(`closing tag </${m![0]}> without an opening tag`, lt);
      if (top!.name !== m![0]) fail(`expected </${top!.name}> (opened on ${lineAt(openedAt[openedAt.length - 1])}) but found </${m![0]}>`, lt);
      openedAt.pop();
      top!.text = top!.text.trim();
      pos = TAG_END.lastIndex;
    } else {
      NAME.lastIndex = lt + 1;
      const m = NAME.exec(text);
      if (!m) fail('"<" that starts no tag (escape it as &lt;)', lt);
      const el: XmlElement = { name: m![0], attrs: {}, children: [], text: '' };
      let i = NAME.lastIndex;
      for (;;) {
        ATTR.lastIndex = i;
        const a = ATTR.exec(text);
        if (!a) break;
        el.attrs[a[1]] = decode(a[2] ?? a[3] ?? '');
        i = ATTR.lastIndex;
      }
      TAG_END.lastIndex = i;
      const e = TAG_END.exec(text);
      if (!e) fail(`bad attribute or unclosed tag <${el.name}`, lt);
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      else if (root) fail(`a second root element <${el.name}>`, lt);
      else root = el;
      if (e![1] !== '/') {
        stack.push(el);
        openedAt.push(lt);
      }
      pos = TAG_END.lastIndex;
    }
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is never closed (the file may be truncated)`, openedAt[openedAt.length - 1]);
  if (!root) throw new UserError('malformed XML: no root element', { file });
  return root;
}

export function child(el: XmlElement, name: string): XmlElement | undefined {
  for (const c of el.children) if (c.name === name) return c;
  return undefined;
}

export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}

/** Text of the named child, trimmed; undefined when absent. */
export function childText(el: XmlElement, name: string): string | undefined {
  const c = child(el, name);
  return c === undefined ? undefined : c.text.trim();
}
