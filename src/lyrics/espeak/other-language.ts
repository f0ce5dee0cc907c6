import { IPA, normaliseIpaSegment } from './ipa-phones.js';
import { espeakIpa } from './engine.js';
import type { Phoneme } from '../types.js';

/** Words of `text` with their IPA phonemes, by eSpeak-NG; '|' pauses are dropped (the caller adds 'pau'). */
export function espeakWords(text: string, language: string): { words: Phoneme[][]; exact: boolean } {
  const ipa = espeakIpa(text, language);
  const words: Phoneme[][] = [];
  let exact = true;
  for (const w of ipa.split(/\s+/)) {
    if (w === '' || w === '|') continue;
    const ph: Phoneme[] = [];
    for (const seg of w.split('_')) {
      if (seg === '|' || seg === '') continue;
      const n = normaliseIpaSegment(seg);
      exact &&= n.exact;
      for (const s of n.symbols) ph.push(IPA.phoneme(s));
    }
    if (ph.length > 0) words.push(ph);
  }
  return { words, exact };
}

/** Syllables of a phoneme string: each vowel with the consonants before it; one intervocalic consonant starts the
 * next syllable, from a cluster the last consonant does (or the last two when they are obstruent + liquid/glide). */
export function ipaSyllables(ph: Phoneme[]): Phoneme[][] {
  const v: number[] = [];
  ph.forEach((p, i) => p.cls === 'vowel' && v.push(i));
  if (v.length <= 1) return [ph];
  const starts = [0];
  for (let k = 1; k < v.length; k++) {
    const gap = v[k]! - v[k - 1]! - 1;
    let onset = Math.min(gap, 1);
    if (gap >= 2) {
      const a = ph[v[k]! - 2]!;
      const b = ph[v[k]! - 1]!;
      if ((a.cls === 'plosive' || a.cls === 'fricative') && (b.cls === 'liquid' || b.cls === 'glide')) onset = 2;
    }
    starts.push(v[k]! - onset);
  }
  return starts.map((s, i) => ph.slice(s, i + 1 < starts.length ? starts[i + 1] : ph.length));
}
