/**
 * Romaji (Hepburn or Kunrei-shiki) to mora phonemes: "sakura" -> s a k u r a, "kitte" -> k i cl t e,
 * "shinbun"/"simbun" -> sh i N b u N, "n'" or a final/preconsonantal n -> N, macrons (ā) and ^ lengthen vowels.
 */
const CONSONANT: [string, string][] = [
  ['tsu', 'ts'], ['ts', 'ts'], ['sh', 'sh'], ['sy', 'sh'], ['ch', 'ch'], ['ty', 'ch'], ['cy', 'ch'], ['jy', 'j'],
  ['zy', 'j'], ['dy', 'j'], ['j', 'j'], ['ky', 'ky'], ['gy', 'gy'], ['ny', 'ny'], ['hy', 'hy'], ['by', 'by'],
  ['py', 'py'], ['my', 'my'], ['ry', 'ry'], ['k', 'k'], ['g', 'g'], ['s', 's'], ['z', 'z'], ['t', 't'], ['d', 'd'],
  ['n', 'n'], ['h', 'h'], ['f', 'f'], ['b', 'b'], ['p', 'p'], ['m', 'm'], ['r', 'r'], ['l', 'r'], ['y', 'y'],
  ['w', 'w'], ['v', 'v'], ['c', 'k'],
];
const MACRON: Record<string, string> = { ā: 'aa', ī: 'ii', ū: 'uu', ē: 'ee', ō: 'ou', â: 'aa', î: 'ii', û: 'uu', ê: 'ee', ô: 'ou' };

export interface RomajiResult {
  symbols: string[];
  unknown: number;
}

export function romajiToPhonemes(text: string): RomajiResult {
  const s = text.toLowerCase().replace(/[āīūēōâîûêô]/g, (c) => MACRON[c]!);
  const out: string[] = [];
  let unknown = 0;
  const isV = (c: string | undefined) => c !== undefined && 'aiueo'.includes(c);
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (isV(c)) {
      out.push(c);
      i++;
      continue;
    }
    if (c === 'n' && (s[i + 1] === "'" || (!isV(s[i + 1]) && s[i + 1] !== 'y'))) {
      out.push('N');
      i += s[i + 1] === "'" ? 2 : 1;
      continue;
    }
    // Geminate: doubled consonant letter or "tch".
    if (/[a-z]/.test(c) && !isV(c) && (s[i + 1] === c || (c === 't' && s.startsWith('ch', i + 1)))) {
      out.push('cl');
      i++;
      continue;
    }
    const hit = CONSONANT.find(([spell]) => s.startsWith(spell, i));
    if (hit && (hit[0] === 'tsu' || isV(s[i + hit[0].length]))) {
      let cons = hit[1];
      let len = hit[0].length;
      if (hit[0] === 'tsu') len = 2; // leaves the u
      const v = s[i + len]!;
      // Kunrei spellings: si, ti, tu, hu, zi, di, du.
      if (cons === 's' && v === 'i') cons = 'sh';
      else if (cons === 't' && v === 'i') cons = 'ch';
      else if (cons === 't' && v === 'u') cons = 'ts';
      else if (cons === 'h' && v === 'u') cons = 'f';
      else if ((cons === 'z' || cons === 'd') && v === 'i') cons = 'j';
      else if (cons === 'd' && v === 'u') cons = 'z';
      out.push(cons);
      i += len;
      continue;
    }
    if (!/[\s\p{P}\p{S}\d]/u.test(c)) unknown++;
    i++;
  }
  return { symbols: out, unknown };
}
