import type { Command } from 'commander';
import { extname } from 'node:path';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { formatScoreTable, loadScore, scoreToJson, scoreToMidi, type ScoreOptions } from '../score/index.js';
import { runAction } from './run-action.js';

interface SelectFlags {
  part?: string;
  voice?: string;
  verse?: string;
  track?: string;
  language?: string;
  syllable?: string;
}

function scoreOptions(flags: SelectFlags): ScoreOptions {
  const int = (v: string | undefined, name: string, min: number) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new UserError(`--${name} must be an integer >= ${min}, got "${v}"`);
    return n;
  };
  return {
    part: flags.part,
    voice: flags.voice,
    verse: int(flags.verse, 'verse', 1),
    track: int(flags.track, 'track', 0),
    language: flags.language,
    defaultSyllable: flags.syllable,
  };
}

function selectionFlags(cmd: Command): Command {
  return cmd
    .option('--part <part>', 'MusicXML part: id, name or 1-based number (default: first part with lyrics)')
    .option('--voice <voice>', 'MusicXML voice within the part (default: first voice with lyrics)')
    .option('--verse <n>', 'lyric verse, 1-based (default 1)')
    .option('--track <n>', 'MIDI track index, 0-based (default: first track with notes and lyrics)')
    .option('--language <lang>', 'lyrics language: en, zh, ja... (default: detected)')
    .option('--syllable <text>', 'syllable for notes without lyrics (default "la")');
}

export function registerScore(program: Command): void {
  const score = program.command('score').description('read, inspect and convert scores (MusicXML, .mxl, MIDI, UST, JSON)');
  selectionFlags(score.command('inspect <file>').description('print the score as a table of notes'))
    .action(
      runAction((file: string, flags: SelectFlags) => {
        const s = loadScore(file, scoreOptions(flags));
        process.stdout.write(formatScoreTable(s));
      }),
    );
  selectionFlags(score.command('convert <in> <out>').description('convert a score to cantor JSON (.json) or MIDI with lyrics (.mid)'))
    .action(
      runAction((input: string, output: string, flags: SelectFlags) => {
        const ext = extname(output).toLowerCase();
        if (ext !== '.json' && ext !== '.mid' && ext !== '.midi') {
          throw new UserError('the output must end in .json, .mid or .midi', { file: output });
        }
        const s = loadScore(input, scoreOptions(flags));
        const data = ext === '.json' ? scoreToJson(s) : scoreToMidi(s);
        try {
          writeFileAtomic(output, data);
        } catch (err) {
          throw new UserError(`cannot write: ${(err as Error).message}`, { file: output, cause: err });
        }
        const sung = s.notes.filter((n) => n.kind !== 'rest').length;
        process.stderr.write(`wrote ${output}: ${sung} notes, ${s.duration.toFixed(3)} s\n`);
        for (const w of s.warnings) process.stderr.write(`warning: ${w}\n`);
      }),
    );
}
