/**
 * Stand-ins for phonemes of the language that the reference recording lacks: the nearest phoneme the voice has,
 * by articulatory distance. Distance = class mismatch (weighted by how far the classes are, sonorants vs
 * obstruents) + voicing mismatch + rhoticity mismatch + the distance of the IPA letters' features (place/manner for consonants;
 * height/backness/rounding for vowels, the first and last letters of a diphthong averaged).
 */
import type { PhonemeClass, PhonemeInfo } from '../lyrics/types.js';

/** Vowel letters: [height 0 (open) .. 3 (close), backness 0 (front) .. 2 (back), rounded]. */
const VOWELS: Record<string, [number, number, number]> = {
  i: [3, 0, 0], y: [3, 0, 1], ɨ: [3, 1, 0], ɯ: [3, 2, 0], u: [3, 2, 1], ɪ: [2.6, 0.3, 0], ʊ: [2.6, 1.7, 1],
  e: [2, 0, 0], ø: [2, 0, 1], ɤ: [2, 2, 0], o: [2, 2, 1], ə: [1.5, 1, 0], ɚ: [1.5, 1, 0], ɝ: [1.3, 1, 0],
  ɛ: [1, 0, 0], œ: [1, 0, 1], ʌ: [1, 2, 0], ɔ: [1, 2, 1], æ: [0.5, 0, 0], ɐ: [0.5, 1, 0], a: [0, 0.5, 0],
  ɑ: [0, 2, 0], ɒ: [0, 2, 1], ʅ: [3, 1, 0], ɿ: [3, 1, 0], ʉ: [3, 1, 1], ʏ: [2.6, 0.3, 1], ɘ: [2, 1, 0], ɵ: [2, 1, 1],
  ɜ: [1, 1, 0], ɞ: [1, 1, 1], ɶ: [0, 0, 1],
};

/** Consonant letters: [place 0 (bilabial) .. 8 (glottal), manner 0 stop, 1 affricate, 2 fricative, 3 nasal, 4 approximant]. */
const CONSONANTS: Record<string, [number, number]> = {
  p: [0, 0], b: [0, 0], m: [0, 3], ɸ: [0, 2], β: [0, 2], w: [0.5, 4], f: [1, 2], v: [1, 2],
  θ: [2, 2], ð: [2, 2], t: [3, 0], d: [3, 0], s: [3, 2], z: [3, 2], n: [3, 3], l: [3, 4], ɹ: [3.5, 4], ɾ: [3, 4],
  ɻ: [4, 4], ʃ: [4, 2], ʒ: [4, 2], ʂ: [4.5, 2], ʐ: [4.5, 2], ʈ: [4.5, 0], ɕ: [5, 2], ʑ: [5, 2], ç: [6, 2],
  j: [6, 4], ɲ: [6, 3], k: [7, 0], ɡ: [7, 0], g: [7, 0], x: [7, 2], ŋ: [7, 3], ɴ: [7.5, 3], ʔ: [8, 0], h: [8, 2],
  ɱ: [1, 3], ʋ: [1, 4], r: [3, 4], ɫ: [3, 4], ɺ: [3, 4], ɖ: [4.5, 0], ɳ: [4.5, 3], ɭ: [4.5, 4], ɽ: [4.5, 4], c: [6, 0],
  ɟ: [6, 0], ʝ: [6, 2], ʎ: [6, 4], ɥ: [6, 4], ɣ: [7, 2], ɰ: [7, 4], ʍ: [0.5, 2], q: [7.5, 0], ɢ: [7.5, 0], χ: [7.5, 2],
  ʁ: [7.5, 2], ʀ: [7.5, 4], ħ: [8, 2], ʕ: [8, 2], ɦ: [8, 2],
};

/** R-coloured vowels (English ER, Mandarin er). */
const RHOTIC = /[ɝɚ]/;

const SONORITY: Record<PhonemeClass, number> = {
  vowel: 5, glide: 4, liquid: 3.5, nasal: 3, fricative: 1.5, affricate: 1, plosive: 0, silence: -3,
};

function letters(ipa: string): string[] {
  return [...ipa.normalize('NFD')].filter((c) => VOWELS[c] !== undefined || CONSONANTS[c] !== undefined);
}

/** Glides are the consonantal ends of close vowels: j ~ i, w ~ u (so W stands in for UW and the reverse). */
const GLIDE_VOWEL: Record<string, string> = { j: 'i', w: 'u', ɥ: 'y' };

function vowelFeatures(ipa: string, cls?: PhonemeClass): [number, number, number][] {
  const ls = letters(ipa);
  if (cls === 'glide') return ls.filter((c) => GLIDE_VOWEL[c]).map((c) => VOWELS[GLIDE_VOWEL[c]!]!);
  return ls.filter((c) => VOWELS[c]).map((c) => VOWELS[c]!);
}

/** Sibilants (s, z, sh, zh and the affricates built on them) sound unlike the other fricatives. */
const SIBILANT = /[szʃʒʂʐɕʑ]/;

/** Laterals (l and its kin) against the central approximants: English r is nearer Mandarin r than l. */
const LATERAL = /[lɫɭʎɺ]/;

function consonantFeatures(ipa: string): [number, number][] {
  return letters(ipa).filter((c) => CONSONANTS[c]).map((c) => CONSONANTS[c]!);
}

/** Articulatory distance between two phonemes (0 = same). */
export function phonemeDistance(a: PhonemeInfo, b: PhonemeInfo): number {
  let d = Math.abs(SONORITY[a.cls] - SONORITY[b.cls]) * 2 + (a.cls === b.cls ? 0 : 1);
  if (a.voiced !== b.voiced) d += 0.8;
  const glideVowel = (a.cls === 'glide' && b.cls === 'vowel') || (a.cls === 'vowel' && b.cls === 'glide');
  const va = vowelFeatures(a.ipa, glideVowel ? a.cls : undefined);
  const vb = vowelFeatures(b.ipa, glideVowel ? b.cls : undefined);
  if (va.length && vb.length) {
    const ends = (v: [number, number, number][]) => [v[0]!, v[v.length - 1]!];
    const [a0, a1] = ends(va);
    const [b0, b1] = ends(vb);
    const dv = (p: number[], q: number[]) => Math.abs(p[0]! - q[0]!) + Math.abs(p[1]! - q[1]!) + 0.7 * Math.abs(p[2]! - q[2]!);
    d += (dv(a0!, b0!) + dv(a1!, b1!)) / 2 + 0.3 * Math.abs(va.length - vb.length);
    if (RHOTIC.test(a.ipa) !== RHOTIC.test(b.ipa)) d += 1;
    // Nasal codas of Mandarin finals (an, ang): keep them apart from plain vowels.
    const ca = consonantFeatures(a.ipa).length;
    const cb = consonantFeatures(b.ipa).length;
    if (!glideVowel) d += 0.8 * Math.abs(ca - cb);
  } else {
    const ca = consonantFeatures(a.ipa);
    const cb = consonantFeatures(b.ipa);
    if (ca.length && cb.length) {
      const pa = ca[ca.length - 1]!;
      const pb = cb[cb.length - 1]!;
      d += Math.abs(pa[0] - pb[0]) + 0.7 * Math.abs(pa[1] - pb[1]) + 0.5 * Math.abs(ca.length - cb.length);
      // Aspiration mark (Mandarin p/t/k vs b/d/g) is a small difference.
      if (a.ipa.includes('ʰ') !== b.ipa.includes('ʰ')) d += 0.3;
      if (SIBILANT.test(a.ipa) !== SIBILANT.test(b.ipa)) d += 1;
      if (LATERAL.test(a.ipa) !== LATERAL.test(b.ipa)) d += 0.5;
    } else if (a.symbol.toLowerCase() !== b.symbol.toLowerCase()) d += 3;
  }
  return d;
}

/** The phoneme of `candidates` closest to `target` (phonemeDistance; the first of equals), or undefined if none. */
export function nearestPhoneme(target: PhonemeInfo, candidates: PhonemeInfo[]): PhonemeInfo | undefined {
  let best: PhonemeInfo | undefined;
  let bestD = Infinity;
  for (const q of candidates) {
    const d = phonemeDistance(target, q);
    if (d < bestD) {
      bestD = d;
      best = q;
    }
  }
  return best;
}

/**
 * For every non-silence phoneme of `inventory` missing from `present`, the closest present phoneme. Empty when the
 * voice has nothing to stand in.
 */
export function chooseSubstitutes(inventory: PhonemeInfo[], present: Set<string>): Record<string, string> {
  const have = inventory.filter((p) => present.has(p.symbol) && p.cls !== 'silence');
  const out: Record<string, string> = {};
  for (const p of inventory) {
    if (p.cls === 'silence' || present.has(p.symbol)) continue;
    const best = nearestPhoneme(p, have);
    if (best) out[p.symbol] = best.symbol;
  }
  return out;
}
