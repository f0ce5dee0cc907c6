#!/usr/bin/env node
// Runs the TypeScript CLI directly through tsx's loader (no build step needed).
import { register } from 'tsx/esm/api';
register();
process.env.CANTOR_CLI = '1';
await import('../src/cli/index.ts');
