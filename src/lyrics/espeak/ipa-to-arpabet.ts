import type { ArpaPhone } from '../english/arpabet.js';

/** eSpeak-NG's en-us IPA to ARPAbet; multi-character keys are tried longest first. */
const MAP: Record<string, string> = {
  'ɑːɹ': 'AA R', 'ɔːɹ': 'AO R', 'ɔɹ': 'AO R', 'ɛɹ': 'EH R', 'ɪɹ': 'IH R', 'ʊɹ': 'UH R', 'aɪɚ': 'AY ER', 'aɪə': 'AY ER',
  'əl': 'AH L', 'ən': 'AH N', 'əm': 'AH M', 'l̩': 'AH L', 'n̩': 'AH N', 'm̩': 'AH M',
  'aɪ': 'AY', 'aʊ': 'AW', 'eɪ': 'EY', 'oʊ': 'OW', 'əʊ': 'OW', 'ɔɪ': 'OY', 'tʃ': 'CH', 'dʒ': 'JH',
  'ɑː': 'AA', 'ɑ': 'AA', 'ɒ': 'AA', 'a': 'AE', 'æ': 'AE', 'ʌ': 'AH', 'ə': 'AH', 'ɐ': 'AH', 'ɔː': 'AO', 'ɔ': 'AO',
  'ɛ': 'EH', 'e': 'EH', 'ɜː': 'ER', 'ɜ': 'ER', 'ɚ': 'ER', 'ɝ': 'ER', 'ɪ': 'IH', 'ᵻ': 'IH', 'iː': 'IY', 'i': 'IY',
  'o': 'OW', 'ʊ': 'UH', 'uː': 'UW', 'u': 'UW',
  'p': 'P', 'b': 'B', 't': 'T', 'd': 'D', 'k': 'K', 'g': 'G', 'ɡ': 'G', 'f': 'F', 'v': 'V', 'θ': 'TH', 'ð': 'DH',
  's': 'S', 'z': 'Z', 'ʃ': 'SH', 'ʒ': 'ZH', 'h': 'HH', 'x': 'HH', 'ç': 'HH', 'm': 'M', 'n': 'N', 'ŋ': 'NG',
  'l': 'L', 'ɫ': 'L', 'ɹ': 'R', 'r': 'R', 'ɾ': 'T', 'ʔ': 'T', 'w': 'W', 'ʍ': 'W', 'j': 'Y',
};
const KEYS = Object.keys(MAP).sort((a, b) => b.length - a.length);
const VOWELS = new Set(['AA', 'AE', 'AH', 'AO', 'AW', 'AY', 'EH', 'ER', 'EY', 'IH', 'IY', 'OW', 'OY', 'UH', 'UW']);

/** "z_ˈɔːɹ_b_əl_f_ˌæ_k_s" -> Z AO1 R B AH0 L F AE2 K S. Unknown symbols are dropped. */
export function ipaToArpabet(ipa: string): ArpaPhone[] {
  const out: ArpaPhone[] = [];
  for (const raw of ipa.split(/[_\s|]+/)) {
    let stress = 0;
    let tok = raw;
    if (tok.includes('ˈ')) stress = 1;
    else if (tok.includes('ˌ')) stress = 2;
    tok = tok.replace(/[ˈˌ]/g, '');
    let i = 0;
    let vowelDone = false;
    while (i < tok.length) {
      const key = KEYS.find((k) => tok.startsWith(k, i));
      if (!key) {
        i++;
        continue;
      }
      for (const sym of MAP[key]!.split(' ')) {
        if (VOWELS.has(sym)) {
          out.push({ symbol: sym, stress: vowelDone ? 0 : stress });
          vowelDone = true;
        } else out.push({ symbol: sym });
      }
      i += key.length;
    }
  }
  return out;
}
