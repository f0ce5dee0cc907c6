/**
 * Loads kuromoji's IPADIC dictionary. In Node this is done synchronously (the dictionary files ship inside the
 * kuromoji package; we gunzip them and fill kuromoji's DynamicDictionaries ourselves, the same steps its async
 * DictionaryLoader takes), so the sync phonemizer can read kanji without an init call. Elsewhere (browser) call
 * `initJapanese({dicPath})`, which uses kuromoji's own async builder.
 */
export interface KuromojiToken {
  surface_form: string;
  word_position: number;
  pos: string;
  reading?: string;
  pronunciation?: string;
}
export interface KuromojiTokenizer {
  tokenize(text: string): KuromojiToken[];
}

let tokenizer: KuromojiTokenizer | null = null;

type GetBuiltin = (id: string) => unknown;
function builtin<T>(id: string): T | null {
  const g = (globalThis as { process?: { getBuiltinModule?: GetBuiltin } }).process?.getBuiltinModule;
  return g ? ((g(id) as T | undefined) ?? null) : null;
}

interface NodeRequire {
  (id: string): unknown;
  resolve(id: string): string;
}

function loadSync(): KuromojiTokenizer | null {
  const mod = builtin<{ createRequire(url: string): NodeRequire }>('module');
  const fs = builtin<{ readFileSync(p: string): Uint8Array }>('fs');
  const zlib = builtin<{ gunzipSync(b: Uint8Array): Uint8Array }>('zlib');
  const path = builtin<{ join(...p: string[]): string; dirname(p: string): string }>('path');
  if (!mod || !fs || !zlib || !path) return null;
  const req = mod.createRequire(import.meta.url);
  const pkgDir = path.dirname(req.resolve('kuromoji/package.json'));
  const DynamicDictionaries = req(path.join(pkgDir, 'src/dict/DynamicDictionaries.js')) as new () => Record<string, (...a: unknown[]) => void>;
  const Tokenizer = req(path.join(pkgDir, 'src/Tokenizer.js')) as new (dic: unknown) => KuromojiTokenizer;
  const buf = (name: string): ArrayBuffer => new Uint8Array(zlib.gunzipSync(fs.readFileSync(path.join(pkgDir, 'dict', name)))).buffer;
  const dic = new DynamicDictionaries();
  dic.loadTrie!(new Int32Array(buf('base.dat.gz')), new Int32Array(buf('check.dat.gz')));
  dic.loadTokenInfoDictionaries!(new Uint8Array(buf('tid.dat.gz')), new Uint8Array(buf('tid_pos.dat.gz')), new Uint8Array(buf('tid_map.dat.gz')));
  dic.loadConnectionCosts!(new Int16Array(buf('cc.dat.gz')));
  dic.loadUnknownDictionaries!(
    new Uint8Array(buf('unk.dat.gz')),
    new Uint8Array(buf('unk_pos.dat.gz')),
    new Uint8Array(buf('unk_map.dat.gz')),
    new Uint8Array(buf('unk_char.dat.gz')),
    new Uint32Array(buf('unk_compat.dat.gz')),
    new Uint8Array(buf('unk_invoke.dat.gz')),
  );
  return new Tokenizer(dic);
}

/** The tokenizer, loading it synchronously on first use in Node; null where that is impossible and no init ran. */
export function getTokenizer(): KuromojiTokenizer | null {
  if (!tokenizer) tokenizer = loadSync();
  return tokenizer;
}

/** Async init for environments without synchronous file access: uses kuromoji's builder with `dicPath`. */
export async function initJapanese(options: { dicPath?: string } = {}): Promise<void> {
  if (tokenizer) return;
  if (options.dicPath === undefined) {
    tokenizer = loadSync();
    if (tokenizer) return;
  }
  const kuromoji = (await import('kuromoji')) as unknown as {
    default?: { builder(o: { dicPath: string }): { build(cb: (err: Error | null, t: KuromojiTokenizer) => void): void } };
    builder?: (o: { dicPath: string }) => { build(cb: (err: Error | null, t: KuromojiTokenizer) => void): void };
  };
  const builder = kuromoji.builder ?? kuromoji.default!.builder;
  tokenizer = await new Promise<KuromojiTokenizer>((resolve, reject) =>
    builder({ dicPath: options.dicPath ?? 'node_modules/kuromoji/dict/' }).build((err, t) => (err ? reject(err) : resolve(t))),
  );
}
