/** Lyric texts that mean "keep singing the previous vowel": a melisma or extender note, or no lyric at all. */
export function isContinuation(text: string): boolean {
  const t = text.trim();
  return t === '' || t === '-' || t === '+' || t === '_' || t === '~' || /^[-+_~\u2013\u2014]+$/.test(t);
}
