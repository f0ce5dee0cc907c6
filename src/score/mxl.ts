import { unzipSync } from 'fflate';
import { UserError } from '../errors.js';
import { childrenNamed, parseXml } from './xml-tree.js';

/**
 * Unpacks a compressed MusicXML (.mxl) archive: a ZIP whose META-INF/container.xml names the score file
 * (falling back to the first .xml/.musicxml outside META-INF). Returns the score's XML text.
 */
export function unpackMxl(bytes: Uint8Array, file: string): string {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new UserError(`not a readable .mxl (ZIP) archive, perhaps truncated: ${why}`, { file, cause: err });
  }
  const decoder = new TextDecoder('utf-8');
  let path: string | undefined;
  const container = entries['META-INF/container.xml'];
  if (container) {
    const root = parseXml(decoder.decode(container), `${file}:META-INF/container.xml`);
    const rootfiles = childrenNamed(root, 'rootfiles').flatMap((r) => childrenNamed(r, 'rootfile'));
    path = rootfiles.map((r) => r.attrs['full-path']).find((p) => p !== undefined && entries[p] !== undefined);
  }
  path ??= Object.keys(entries).find((p) => !p.startsWith('META-INF/') && /\.(musicxml|xml)$/i.test(p));
  if (path === undefined) throw new UserError('the .mxl archive holds no MusicXML score', { file });
  return decodeXmlBytes(entries[path]);
}

/** Decodes XML bytes: UTF-16 by BOM, else UTF-8 (MusicXML's usual encoding). */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}
