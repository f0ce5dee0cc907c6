import type { ArpaPhone } from './arpabet.js';
import { ARPABET } from './arpabet.js';

/**
 * Legal English word onsets (Kahn 1976; Giegerich 1992, "English Phonology", ch. 6): every single consonant but NG,
 * obstruent + liquid, s-clusters, C + W and C + Y (as in "beauty", "cute", "music"), and the s + C + liquid/glide
 * triples. Used by the maximal onset principle: between two vowels, the next syllable takes the longest consonant
 * sequence that can begin an English word.
 */
const ONSETS = new Set<string>([
  // two consonants
  'P R', 'B R', 'T R', 'D R', 'K R', 'G R', 'F R', 'TH R', 'SH R',
  'P L', 'B L', 'K L', 'G L', 'F L', 'S L',
  'S P', 'S T', 'S K', 'S M', 'S N', 'S W', 'S F',
  'T W', 'D W', 'K W', 'G W', 'TH W', 'HH W',
  'P Y', 'B Y', 'K Y', 'G Y', 'F Y', 'V Y', 'M Y', 'HH Y', 'N Y', 'L Y',
  // three consonants
  'S P R', 'S T R', 'S K R', 'S P L', 'S K W', 'S K Y', 'S P Y', 'S M Y',
]);

function isVowel(p: ArpaPhone): boolean {
  return ARPABET.bySymbol.get(p.symbol)?.cls === 'vowel';
}

function legalOnset(cons: ArpaPhone[]): boolean {
  if (cons.length === 0) return true;
  if (cons.length === 1) return cons[0]!.symbol !== 'NG';
  return ONSETS.has(cons.map((c) => c.symbol).join(' '));
}

/** Splits a word's phones into syllables, one vowel each, by the maximal onset principle. */
export function syllabify(phones: ArpaPhone[]): ArpaPhone[][] {
  const vowels: number[] = [];
  phones.forEach((p, i) => {
    if (isVowel(p)) vowels.push(i);
  });
  if (vowels.length <= 1) return [phones.slice()];
  const starts: number[] = [0];
  for (let v = 1; v < vowels.length; v++) {
    const prev = vowels[v - 1]!;
    const cur = vowels[v]!;
    // Consonants strictly between the two vowels; the longest legal suffix becomes the onset.
    let start = cur;
    while (start - 1 > prev && legalOnset(phones.slice(start - 1, cur))) start--;
    starts.push(start);
  }
  const out: ArpaPhone[][] = [];
  for (let s = 0; s < starts.length; s++) {
    out.push(phones.slice(starts[s], s + 1 < starts.length ? starts[s + 1] : phones.length));
  }
  return out;
}

/**
 * Groups `sylls` syllables into `parts` consecutive non-empty groups (sylls >= parts), placing the cuts where the
 * phone-count fractions best match the letter-count fractions of the written parts ("ev-ery" with three syllables:
 * EH1 / V R IY0 or EH1 V / ... whichever lines up with the spelling). Dynamic programming over cut positions.
 */
export function groupSyllables(syllPhoneCounts: number[], partLetterCounts: number[]): number[] {
  const K = syllPhoneCounts.length;
  const N = partLetterCounts.length;
  if (N > K) throw new Error('more parts than syllables');
  const totP = syllPhoneCounts.reduce((a, b) => a + b, 0) || 1;
  const totL = partLetterCounts.reduce((a, b) => a + b, 0) || 1;
  const cumP = [0];
  for (const c of syllPhoneCounts) cumP.push(cumP[cumP.length - 1]! + c / totP);
  const cumL = [0];
  for (const c of partLetterCounts) cumL.push(cumL[cumL.length - 1]! + c / totL);
  // best[n][k]: cost of putting the first k syllables into the first n parts.
  const INF = Number.POSITIVE_INFINITY;
  const best: number[][] = Array.from({ length: N + 1 }, () => new Array<number>(K + 1).fill(INF));
  const from: number[][] = Array.from({ length: N + 1 }, () => new Array<number>(K + 1).fill(-1));
  best[0]![0] = 0;
  for (let n = 1; n <= N; n++) {
    for (let k = n; k <= K - (N - n); k++) {
      const cutCost = n === N ? 0 : Math.abs(cumP[k]! - cumL[n]!);
      for (let j = n - 1; j < k; j++) {
        const c = best[n - 1]![j]! + cutCost;
        if (c < best[n]![k]!) {
          best[n]![k] = c;
          from[n]![k] = j;
        }
      }
    }
  }
  // Walk back: the number of syllables in each part.
  const counts = new Array<number>(N).fill(0);
  let k = K;
  for (let n = N; n >= 1; n--) {
    const j = from[n]![k]!;
    counts[n - 1] = k - j;
    k = j;
  }
  return counts;
}
