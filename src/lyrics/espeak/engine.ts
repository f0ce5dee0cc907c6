import { UserError } from '../../errors.js';

/**
 * eSpeak-NG (WASM build @echogarden/espeak-ng-emscripten, GPL-3) as a grapheme-to-phoneme engine. Loading is async
 * (the WASM module and its data file); once loaded, conversion is synchronous, so `initEspeak()` once lets the sync
 * phonemizer use it.
 */
interface EspeakWorker {
  set_voice(name: string): number;
  text_to_phonemes(text: string, ipa: boolean): unknown;
}
interface EspeakModule {
  eSpeakNGWorker: new () => EspeakWorker;
  HEAPU8: Uint8Array;
  getPointer(p: unknown): number;
}

let mod: EspeakModule | null = null;
let worker: EspeakWorker | null = null;
let currentVoice = '';
let loading: Promise<void> | null = null;

export function espeakReady(): boolean {
  return worker !== null;
}

export function initEspeak(): Promise<void> {
  if (worker) return Promise.resolve();
  loading ??= (async () => {
    const factory = (await import('@echogarden/espeak-ng-emscripten')).default as unknown as () => Promise<EspeakModule>;
    mod = await factory();
    worker = new mod.eSpeakNGWorker();
  })();
  return loading;
}

/** Maps our language codes to eSpeak-NG voice names where they differ. */
const VOICE: Record<string, string> = { en: 'en-us', zh: 'cmn', ja: 'ja' };

/**
 * IPA of `text` in `language`: words separated by spaces, phonemes by '_', pauses as '|'.
 * Throws when eSpeak-NG is not loaded or does not know the language.
 */
export function espeakIpa(text: string, language: string): string {
  if (!worker || !mod) throw new Error('eSpeak-NG is not loaded: call `await initLyrics()` first');
  const voice = VOICE[language] ?? language;
  if (voice !== currentVoice) {
    const rc = worker.set_voice(voice);
    if (rc !== 0) throw new UserError(`unknown lyrics language '${language}' (eSpeak-NG has no voice for it)`);
    currentVoice = voice;
  }
  const p = mod.getPointer(worker.text_to_phonemes(text, true));
  const heap = mod.HEAPU8;
  let end = p;
  while (heap[end] !== 0) end++;
  return new TextDecoder().decode(heap.subarray(p, end));
}
