import type { Command } from 'commander';
import { oneLineErrors } from './f0.js';
import { runAction } from './run-action.js';
import { type SpeakCliOptions, speakOrRap, speechCommandOptions } from './speak.js';

/** `cantor rap TEXT --out OUT.wav [--bpm N] [...as speak]`: the text on a beat grid. */
export function registerRap(program: Command): void {
  const cmd = speechCommandOptions(program.command('rap').description('rap a text on a beat in a cloned voice').argument('<text>', 'the words'))
    .option('--bpm <n>', 'tempo in beats a minute, 30..300 (default 90)');
  cmd.action(runAction((text: string, o: SpeakCliOptions) => speakOrRap('rap', text, o)));
  oneLineErrors(cmd);
}
