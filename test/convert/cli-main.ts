/** A program with only the convert command, for the CLI tests (the lead registers it in src/cli/index.ts). */
import { Command } from 'commander';
import { registerConvert } from '../../src/cli/convert.js';

const program = new Command('cantor');
registerConvert(program);
await program.parseAsync(process.argv);
