/** Lyrics front end: phonemize 1,500 syllables per language (first call includes dictionary loading). */
import { initLyrics, phonemizeLyrics } from '../src/lyrics/index.js';
import type { Language } from '../src/lyrics/types.js';

function syllables(language: Language): { text: string; syllabic?: 'single' | 'begin' | 'middle' | 'end' }[] {
  if (language === 'zh') {
    const line = '我爱唱歌银行行走花儿红月亮代表我的心你问我爱你有多深一闪一闪亮晶晶满天都是小星星';
    return Array.from({ length: 1500 }, (_, i) => ({ text: line[i % line.length]! }));
  }
  if (language === 'ja') {
    const line = [...'さくらさくらやよいのそらはみわたすかぎり桜が咲く東京へ行くきょうはいいてんき'];
    return Array.from({ length: 1500 }, (_, i) => ({ text: line[i % line.length]! }));
  }
  if (language === 'es') {
    const w = ['can', 'tan', 'do', 'ba', 'jo', 'la', 'llu', 'via'];
    return Array.from({ length: 1500 }, (_, i) => ({ text: w[i % w.length]!, syllabic: (['begin', 'middle', 'end'] as const)[i % 3] }));
  }
  const words = ['hap', 'py', 'birth', 'day', 'to', 'you', 'beau', 'ti', 'ful', 'sing', 'ing', 'in', 'the', 'rain', 'twin', 'kle'];
  const syl: ('begin' | 'end' | 'single')[] = ['begin', 'end', 'begin', 'end', 'single', 'single', 'begin', 'end', 'single', 'begin', 'end', 'single', 'single', 'single', 'begin', 'end'];
  return Array.from({ length: 1500 }, (_, i) => ({ text: words[i % words.length]!, syllabic: syl[i % syl.length] }));
}

export default async function bench(): Promise<void> {
  for (const lang of ['en', 'zh', 'ja'] as Language[]) {
    const items = syllables(lang);
    let t0 = performance.now();
    phonemizeLyrics(items, lang);
    const first = performance.now() - t0;
    t0 = performance.now();
    phonemizeLyrics(items, lang);
    const warm = performance.now() - t0;
    console.log(`${lang}: 1500 syllables: first call ${first.toFixed(0)} ms (ja: includes kuromoji dictionary load; CMU dict loads at import), warm ${warm.toFixed(1)} ms`);
  }
  let t0 = performance.now();
  await initLyrics();
  console.log(`initLyrics (eSpeak-NG WASM; kuromoji already loaded): ${(performance.now() - t0).toFixed(0)} ms`);
  const items = syllables('es');
  t0 = performance.now();
  phonemizeLyrics(items, 'es');
  console.log(`es (eSpeak-NG): 1500 syllables: ${(performance.now() - t0).toFixed(0)} ms`);
  console.log(`RSS after the run: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`);
}
