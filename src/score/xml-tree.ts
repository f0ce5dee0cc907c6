import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { UserError } from '../errors.js';

/** A plain XML element: name, attributes, child elements in order, and its own text. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

type FxpNode = Record<string, unknown>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

function convert(node: FxpNode): XmlElement | undefined {
  let name: string | undefined;
  for (const k of Object.keys(node)) if (k !== ':@') name = k;
  if (name === undefined || name === '#text' || name.startsWith('?') || name.startsWith('!')) return undefined;
  const attrs = (node[':@'] as Record<string, string> | undefined) ?? {};
  const el: XmlElement = { name, attrs, children: [], text: '' };
  const kids = node[name];
  if (Array.isArray(kids)) {
    for (const k of kids as FxpNode[]) {
      if ('#text' in k) el.text += String(k['#text']);
      else {
        const c = convert(k);
        if (c) el.children.push(c);
      }
    }
  }
  return el;
}

/** Parses XML text into its root element; malformed XML is a UserError with the line of the problem. */
export function parseXml(text: string, file: string): XmlElement {
  const check = XMLValidator.validate(text);
  if (check !== true) {
    throw new UserError(`malformed XML: ${check.err.msg}`, { file, where: `line ${check.err.line}` });
  }
  let nodes: FxpNode[];
  try {
    nodes = parser.parse(text) as FxpNode[];
  } catch (err) {
    throw new UserError(`malformed XML: ${err instanceof Error ? err.message : String(err)}`, { file, cause: err });
  }
  for (const n of nodes) {
    const el = convert(n);
    if (el) return el;
  }
  throw new UserError('no XML root element', { file });
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
