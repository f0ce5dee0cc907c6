import type { MandarinUnit } from './phonemize.js';

/**
 * Third-tone sandhi (Chao 1968): a third tone before another third tone is said as a second tone (你好 ni2 hao3).
 * In a run of consecutive third tones all but the last become second tone: the simple rule; the full rule depends on
 * prosodic word structure (e.g. 我很好 can be wo3 hen2 hao3), which we do not model. Applies only to syllables read
 * from Han characters; typed pinyin keeps the tones as written. pinyin-pro already handles 一 and 不.
 * Runs are broken by punctuation and by non-Mandarin words.
 */
export function applyThirdToneSandhi(units: MandarinUnit[]): void {
  let run: MandarinUnit[] = [];
  const flush = () => {
    for (let i = 0; i < run.length - 1; i++) run[i]!.syllable!.tone = 2;
    run = [];
  };
  for (const u of units) {
    if (u.syllable && u.fromHan && u.syllable.tone === 3) run.push(u);
    else flush();
  }
  flush();
}
