import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import { planSong, planToJson, renderPlanPng } from '../planner/index.js';
import type { PlanOptions } from '../planner/options.js';
import { loadScore, type ScoreOptions } from '../score/index.js';
import { runAction } from './run-action.js';

interface PlanCliOptions {
  out: string;
  png?: string;
  seed?: string;
  part?: string;
  voice?: string;
  verse?: string;
  vibrato: boolean;
}

function intOption(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < min) {
    throw new UserError(`--${name} must be an integer${min > 0 ? ' of at least ' + min : ''} (got '${value}')`);
  }
  return Number(value);
}

/** `cantor plan SCORE --out plan.json [--png plan.png] [--seed N] [--part P] [--voice V] [--verse N] [--no-vibrato]` */
export function registerPlan(program: Command): void {
  program
    .command('plan')
    .description('plan phoneme timing, F0, loudness and colour for a score; write them as JSON (and a piano-roll PNG)')
    .argument('<score>', 'score file (.musicxml, .xml, .mxl, .mid, .ust, .json)')
    .requiredOption('--out <file>', 'plan JSON to write')
    .option('--png <file>', 'piano-roll picture to write (notes, F0, phoneme boundaries)')
    .option('--seed <n>', 'seed of the drift and jitter (default 1)')
    .option('--part <part>', 'MusicXML part: id, name or 1-based position')
    .option('--voice <voice>', 'MusicXML voice within the part')
    .option('--verse <n>', 'lyric verse, 1-based')
    .option('--no-vibrato', 'no automatic vibrato (vibrato written in the score stays)')
    .action(
      runAction((scorePath: string, o: PlanCliOptions) => {
        const seed = intOption(o.seed, 'seed', -(2 ** 31));
        const verse = intOption(o.verse, 'verse', 1);
        const scoreOpts: ScoreOptions = {};
        if (o.part !== undefined) scoreOpts.part = o.part;
        if (o.voice !== undefined) scoreOpts.voice = o.voice;
        if (verse !== undefined) scoreOpts.verse = verse;
        const score = loadScore(scorePath, scoreOpts);
        const opts: PlanOptions = { seed: seed ?? 1 };
        if (!o.vibrato) opts.pitch = { vibrato: { enabled: false } };
        const plan = planSong(score, opts);
        writeFileAtomic(o.out, planToJson(plan, { score: score.source?.file ?? scorePath, seed: opts.seed }));
        if (o.png) writeFileAtomic(o.png, renderPlanPng(plan, score.notes));
        for (const w of score.warnings) process.stderr.write(`warning: ${w}\n`);
        process.stdout.write(
          `planned ${score.notes.filter((n) => n.kind !== 'rest').length} notes, ${plan.segments.length} phonemes, ` +
            `${plan.duration.toFixed(2)} s -> ${o.out}${o.png ? ` and ${o.png}` : ''}\n`,
        );
      }),
    );
}
