#!/usr/bin/env node
import { Command } from 'commander';
// Each command lives in its own module and registers itself on the program.
// @register-imports (keep one import per line below)
import { registerSing } from './sing.js';
import { registerSpeak } from './speak.js';
import { registerRap } from './rap.js';
import { registerConvert } from './convert.js';
import { registerClone } from './clone.js';
import { registerF0 } from './f0.js';
import { registerResynth } from './resynth.js';
import { registerPlan } from './plan.js';
import { registerScore } from './score.js';
import { registerStudio } from './studio.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('cantor')
    .description("Sings a score in anyone's voice: clone a voice from a minute of speech, then sing, speak or rap in it.")
    .showHelpAfterError();
  // @register-calls (keep one call per line below)
  registerSing(program);
  registerSpeak(program);
  registerRap(program);
  registerConvert(program);
  registerClone(program);
  registerF0(program);
  registerResynth(program);
  registerPlan(program);
  registerScore(program);
  registerStudio(program);
  return program;
}

const isMain = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isMain || process.env.CANTOR_CLI === '1') {
  await buildProgram().parseAsync(process.argv);
}
