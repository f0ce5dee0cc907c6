import type { Phoneme, PhonemeClass, PhonemeInfo } from './types.js';

/** The pause every language shares: punctuation in speech mode, breaths. */
export const PAUSE: PhonemeInfo = { symbol: 'pau', cls: 'silence', voiced: false, ipa: '' };

/** A phone set: symbol -> info, with a helper that turns a symbol into a Phoneme. */
export class PhoneTable {
  readonly bySymbol: ReadonlyMap<string, PhonemeInfo>;

  constructor(
    readonly name: string,
    readonly entries: readonly PhonemeInfo[],
  ) {
    const m = new Map<string, PhonemeInfo>();
    for (const e of entries) m.set(e.symbol, e);
    if (!m.has(PAUSE.symbol)) m.set(PAUSE.symbol, PAUSE);
    this.bySymbol = m;
  }

  list(): PhonemeInfo[] {
    return [...this.bySymbol.values()].map((e) => ({ ...e }));
  }

  has(symbol: string): boolean {
    return this.bySymbol.has(symbol);
  }

  phoneme(symbol: string, stress?: number): Phoneme {
    const info = this.bySymbol.get(symbol);
    if (!info) throw new Error(`${this.name}: phoneme '${symbol}' is not in the inventory`);
    const p: Phoneme = { symbol, cls: info.cls, voiced: info.voiced };
    if (stress !== undefined) p.stress = stress;
    return p;
  }
}

/** Shorthand for building tables: [symbol, class, voiced, ipa]. */
export function table(name: string, rows: [string, PhonemeClass, boolean, string][]): PhoneTable {
  return new PhoneTable(
    name,
    rows.map(([symbol, cls, voiced, ipa]) => ({ symbol, cls, voiced, ipa })),
  );
}

export function pause(): Phoneme {
  return { symbol: PAUSE.symbol, cls: PAUSE.cls, voiced: PAUSE.voiced };
}
