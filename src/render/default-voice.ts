/**
 * The built-in default voice: built with buildVoice from the bundled reference (assets/voices/slt: reference.wav +
 * transcript.txt, English) the first time it is needed, then cached as a .voice file under
 * node_modules/.cache/cantor/ (or $CANTOR_CACHE_DIR). The cache file's name carries a hash of everything the voice
 * depends on: the reference's bytes, the transcript, the language, the voice file version and the voice builder's own
 * source (when present), so an edited reference or a changed builder makes the cache stale and the voice is rebuilt;
 * stale files of the same voice are removed. Any reference/transcript pair can be cached the same way (cachedVoice).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeWav } from '../audio/wav.js';
import { UserError } from '../errors.js';
import type { Language } from '../lyrics/types.js';
import { buildVoice } from '../voice/build.js';
import type { Voice } from '../voice/types.js';
import { VOICE_FILE_VERSION } from '../voice/voice-codec.js';
import { readVoiceFile, writeVoiceFile } from '../voice/voice-file.js';

const here = dirname(fileURLToPath(import.meta.url));
/** The package root (this file is src/render/ or dist/render/). */
const packageRoot = resolve(here, '..', '..');

export interface VoiceSource {
  /** Cache name prefix, e.g. 'slt'. */
  name: string;
  wav: string;
  transcript: string;
  language: Language;
}

export const DEFAULT_VOICE: VoiceSource = {
  name: 'slt',
  wav: join(packageRoot, 'assets', 'voices', 'slt', 'reference.wav'),
  transcript: join(packageRoot, 'assets', 'voices', 'slt', 'transcript.txt'),
  language: 'en',
};

export interface CachedVoiceOptions {
  /** Directory of the cache (default $CANTOR_CACHE_DIR or node_modules/.cache/cantor in the package). */
  cacheDir?: string;
  /** Called with a stage and fraction while the voice is being built (only when it is not cached). */
  onProgress?: (stage: string, fraction: number) => void;
}

export interface CachedVoice {
  voice: Voice;
  /** The cache file. */
  path: string;
  /** True when it was read from the cache, false when it was built now. */
  fromCache: boolean;
}

export function defaultCacheDir(): string {
  return process.env.CANTOR_CACHE_DIR || join(packageRoot, 'node_modules', '.cache', 'cantor');
}

/** The voice builder's sources (src/voice, and the analysis it runs), hashed so a changed builder invalidates the cache. */
function builderFingerprint(h: ReturnType<typeof createHash>): void {
  for (const dir of [join(here, '..', 'voice'), join(here, '..', 'analysis'), join(here, '..', 'vocoder')]) {
    if (!existsSync(dir)) continue;
    const walk = (d: string): void => {
      for (const name of readdirSync(d).sort()) {
        const p = join(d, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ts|js)$/.test(name)) {
          h.update(p.slice(dir.length));
          h.update(readFileSync(p));
        }
      }
    };
    walk(dir);
  }
}

function readInput(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new UserError(`cannot read the ${what}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, { file: path });
  }
}

/** The voice of `src`, from the cache when it is there and current, else built (and cached). */
export function cachedVoice(src: VoiceSource, opts: CachedVoiceOptions = {}): CachedVoice {
  const wavBytes = readInput(src.wav, 'reference recording');
  const transcript = readInput(src.transcript, 'transcript').toString('utf8');
  const h = createHash('sha256');
  h.update(`cantor-voice v${VOICE_FILE_VERSION}\0${src.language}\0`);
  h.update(wavBytes);
  h.update('\0');
  h.update(transcript);
  builderFingerprint(h);
  const hash = h.digest('hex').slice(0, 16);
  const dir = opts.cacheDir ?? defaultCacheDir();
  const path = join(dir, `${src.name}-${hash}.voice`);
  if (existsSync(path)) {
    try {
      return { voice: readVoiceFile(path), path, fromCache: true };
    } catch {
      // A damaged cache file: rebuild it below.
    }
  }
  const audio = decodeWav(wavBytes, src.wav);
  const { voice } = buildVoice(audio, transcript, src.language, {
    name: src.name,
    file: src.wav,
    fileBytes: wavBytes,
    transcriptFile: src.transcript,
    onProgress: opts.onProgress,
  });
  try {
    mkdirSync(dir, { recursive: true });
    writeVoiceFile(path, voice);
    for (const name of readdirSync(dir)) {
      if (name.startsWith(`${src.name}-`) && name.endsWith('.voice') && join(dir, name) !== path) {
        rmSync(join(dir, name), { force: true });
      }
    }
  } catch {
    // A read-only install: the voice is still usable, it is just built again next time.
  }
  return { voice, path, fromCache: false };
}

/** The built-in default voice (slt, English). */
export function defaultVoice(opts: CachedVoiceOptions = {}): CachedVoice {
  return cachedVoice(DEFAULT_VOICE, opts);
}
