/** Articulatory classes that the planners and the voice need for every phoneme of every language. */
export type PhonemeClass =
  | 'vowel'
  | 'nasal'
  | 'liquid'
  | 'glide'
  | 'plosive'
  | 'fricative'
  | 'affricate'
  | 'silence';

/** Languages with a dedicated front end; anything else goes through eSpeak-NG, best effort. */
export type Language = 'zh' | 'en' | 'ja' | (string & {});

export interface Phoneme {
  /** Symbol in the language's phone set (Opencpop-style for zh, ARPAbet without stress for en, CV romaji parts for ja). */
  symbol: string;
  cls: PhonemeClass;
  voiced: boolean;
  /** ARPAbet stress (0, 1, 2) for English vowels, lexical tone (1-5) for Mandarin finals. */
  stress?: number;
}

/** The phonemes of one sung syllable. */
export interface SyllablePhonemes {
  text: string;
  language: Language;
  phonemes: Phoneme[];
  /** True when the pronunciation is a guess (eSpeak-NG fallback, unknown word). */
  approximate?: boolean;
}

/** One entry of a language's phone set, as `inventory(language)` lists it. */
export interface PhonemeInfo {
  symbol: string;
  cls: PhonemeClass;
  voiced: boolean;
  /** Closest IPA, so that layers working across languages (voice cloning) can relate phone sets. */
  ipa: string;
}
