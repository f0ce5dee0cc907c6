import { dictionary } from 'cmu-pronouncing-dictionary';
import { parseArpabet, type ArpaPhone } from './arpabet.js';
import { letterToSound } from './letter-to-sound.js';

export interface WordPronunciation {
  phones: ArpaPhone[];
  /** Not from the dictionary. */
  approximate: boolean;
}

/** Resolver for out-of-vocabulary words (eSpeak-NG once loaded); returns null when it cannot help. */
export type OovResolver = (word: string) => ArpaPhone[] | null;
let oovResolver: OovResolver | null = null;

export function setEnglishOovResolver(r: OovResolver | null): void {
  oovResolver = r;
}

const cache = new Map<string, WordPronunciation>();

/** Normalises a written word to the dictionary's key form: lower case, straight apostrophes, letters only. */
export function normaliseWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[^a-z0-9'.]/g, '')
    .replace(/^'+(?![a-z])|'+$/g, '')
    .replace(/\.+$/g, '');
}

/** Pronunciation of one English word: CMU dictionary, else eSpeak-NG (if loaded), else letter-to-sound. */
export function pronounceWord(word: string): WordPronunciation {
  const key = normaliseWord(word);
  if (key === '') return { phones: [], approximate: false };
  const hit = cache.get(key);
  if (hit) return hit;
  let result: WordPronunciation;
  const entry = dictionary[key] ?? dictionary[key.replace(/'/g, '')];
  if (entry !== undefined) {
    result = { phones: parseArpabet(entry), approximate: false };
  } else {
    const fromEspeak = oovResolver ? oovResolver(key) : null;
    result = { phones: fromEspeak && fromEspeak.length > 0 ? fromEspeak : letterToSound(key), approximate: true };
  }
  // Only cache dictionary results and eSpeak results: letter-to-sound guesses should be replaced after init.
  if (!result.approximate || oovResolver) cache.set(key, result);
  return result;
}

export function clearEnglishCache(): void {
  cache.clear();
}
