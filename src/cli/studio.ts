import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { oneLineErrors } from './f0.js';
import { intOption } from './sing.js';
import { runAction } from './run-action.js';

interface StudioCliOptions {
  port?: string;
  host?: string;
  data?: string;
  web?: string;
}

/**
 * `cantor studio [--port N] [--host H] [--data DIR]`: the web studio (docs/studio.md). Builds the page when it is
 * missing or stale, serves it on 127.0.0.1 (by default) and prints the address; runs until interrupted.
 */
export function registerStudio(program: Command): void {
  const cmd = program
    .command('studio')
    .description('start the web studio (piano roll, pitch curves, voices, render and play) on a local address')
    .option('--port <n>', 'port to listen on, 0 for any free port (default 5173)')
    .option('--host <host>', 'interface to bind (default 127.0.0.1: this machine only)')
    .option('--data <dir>', 'folder for voices and projects (default ./cantor-studio)')
    .option('--web <dir>', 'folder of the built page (default dist/studio in the package; built there when missing or stale)')
    .action(
      runAction(async (o: StudioCliOptions) => {
        const port = intOption(o.port, 'port', 0, 65535) ?? 5173;
        const host = o.host ?? '127.0.0.1';
        if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) throw new UserError(`--host must be a host name or address (got '${host}')`);
        const dataDir = resolve(o.data ?? 'cantor-studio');
        // The server (hono, the page builder) loads only for this command, so the other commands start faster.
        const { startStudio } = await import('../studio/server.js');
        let studio;
        try {
          studio = await startStudio({ port, host, dataDir, webRoot: o.web === undefined ? undefined : resolve(o.web), log: (line) => process.stderr.write(line + '\n') });
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          if (code === 'EADDRINUSE') throw new UserError(`port ${port} is in use: pick another with --port (0 = any free port)`);
          if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(`cannot listen on '${host}'`);
          throw err;
        }
        process.stdout.write(`cantor studio: ${studio.url} (data in ${dataDir}; Ctrl+C to stop)\n`);
        if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
          process.stderr.write('warning: the studio is reachable from other machines on this network; it has no login\n');
        }
        await new Promise<void>((done) => {
          const stop = () => {
            void studio.close().then(done);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );
  oneLineErrors(cmd);
}
