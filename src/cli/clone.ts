import { readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Command } from 'commander';
import { decodeWav } from '../audio/wav.js';
import { UserError, withFile } from '../errors.js';
import { baseLanguage, detectLanguage, initLyrics } from '../lyrics/index.js';
import { buildVoice } from '../voice/build.js';
import { formatCloneReport } from '../voice/report.js';
import { writeVoiceFile } from '../voice/voice-file.js';
import { oneLineErrors } from './f0.js';
import { runAction } from './run-action.js';

interface CloneCliOptions {
  text: string;
  lang?: string;
  out: string;
  name?: string;
}

function readInput(path: string, what: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `no such ${what}` : code === 'EISDIR' ? `is a directory, not a ${what}` : `cannot read (${code ?? String(err)})`, { file: path });
  }
}

function readTranscript(path: string): string {
  const bytes = readInput(path, 'transcript file');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError('the transcript is not UTF-8 text', { file: path });
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * `cantor clone REFERENCE.wav --text TRANSCRIPT.txt [--lang en|zh|ja|...] --out NAME.voice [--name NAME]`:
 * builds a voice from a recording of speech and what it says; progress on stderr, then the report on stdout.
 */
export function registerClone(program: Command): void {
  const cmd = program
    .command('clone')
    .description('build a voice from a reference recording (10 s to 10 min of speech) and its transcript')
    .argument('<reference>', 'WAV file of the speaker')
    .requiredOption('--text <file>', 'UTF-8 transcript of the recording')
    .option('--lang <code>', 'language of the transcript: en, zh, ja or an eSpeak-NG code (default: detected from the text)')
    .requiredOption('--out <file>', '.voice file to write')
    .option('--name <name>', 'name of the voice (default: the output file name)')
    .action(
      runAction(async (refPath: string, o: CloneCliOptions) => {
        const outDir = dirname(o.out);
        let dirOk = false;
        try {
          dirOk = statSync(outDir).isDirectory();
        } catch {
          dirOk = false;
        }
        if (!dirOk) throw new UserError(`cannot write: folder ${outDir} does not exist`, { file: o.out });
        const transcript = readTranscript(o.text);
        const language = o.lang !== undefined ? o.lang.trim() : detectLanguage(transcript);
        if (!/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/.test(language)) {
          throw new UserError(`--lang must be a language code such as en, zh, ja, de (got '${o.lang}')`);
        }
        const base = baseLanguage(language);
        if (base !== 'en' && base !== 'zh' && base !== 'ja') {
          try {
            await initLyrics();
          } catch (err) {
            throw new UserError(`cannot load eSpeak-NG for '${language}': ${err instanceof Error ? err.message : String(err)}`);
          }
        }
        const bytes = readInput(refPath, 'reference recording');
        let audio;
        try {
          audio = decodeWav(bytes, refPath);
        } catch (err) {
          throw withFile(err, refPath);
        }
        const name = o.name ?? basename(o.out).replace(/\.voice$/i, '');
        const t0 = performance.now();
        let lastStage = '';
        const { voice, report } = buildVoice(audio, transcript, language, {
          name,
          file: refPath,
          fileBytes: bytes,
          transcriptFile: o.text,
          onProgress: (stage, fraction) => {
            if (stage === lastStage) return;
            lastStage = stage;
            process.stderr.write(`[${Math.round(fraction * 100).toString().padStart(3)}%] ${stage} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
          },
        });
        let size: number;
        try {
          size = writeVoiceFile(o.out, voice);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          throw new UserError(`cannot write (${code ?? String(err)})`, { file: o.out });
        }
        const taken = (performance.now() - t0) / 1000;
        process.stdout.write(formatCloneReport(report) + '\n');
        process.stderr.write(
          `wrote ${o.out}: ${(size / 1024).toFixed(0)} KiB, ${voice.units.length} units; ${report.durationUsed.toFixed(1)} s of audio in ` +
            `${taken.toFixed(1)} s (${(report.durationUsed / taken).toFixed(1)}x faster than real time)\n`,
        );
      }),
    );
  oneLineErrors(cmd);
}
