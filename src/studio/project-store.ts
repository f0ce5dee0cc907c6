/**
 * Projects: JSON documents (the page's score and view state) kept in DATA/projects/NAME.json. Names are letters,
 * digits, spaces, '_' and '-' only (no dots, no slashes), so a name can never reach outside the folder. What is stored
 * is the re-serialized parse of the request, never the raw bytes, and it is only ever sent back as JSON.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { HttpError } from './http-errors.js';
import { childPath } from './safe-path.js';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9 _-]{0,63}$/;

export function checkProjectName(name: string): string {
  if (!NAME_PATTERN.test(name) || name.endsWith(' ')) {
    throw new HttpError(400, `bad project name '${name.slice(0, 80)}': use 1-64 letters, digits, spaces, '_' or '-'`);
  }
  return name;
}

export class ProjectStore {
  private readonly dir: string;
  constructor(dataDir: string) {
    this.dir = join(dataDir, 'projects');
  }

  list(): { name: string; modified: string; bytes: number }[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json') && NAME_PATTERN.test(f.slice(0, -5)))
      .sort()
      .map((f) => {
        const st = statSync(join(this.dir, f));
        return { name: f.slice(0, -5), modified: st.mtime.toISOString(), bytes: st.size };
      });
  }

  read(name: string): unknown {
    const path = childPath(this.dir, `${checkProjectName(name)}.json`);
    if (!existsSync(path)) throw new HttpError(404, `no project '${name}'`);
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  }

  write(name: string, doc: unknown): void {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new HttpError(400, 'a project must be a JSON object');
    mkdirSync(this.dir, { recursive: true });
    writeFileAtomic(childPath(this.dir, `${checkProjectName(name)}.json`), JSON.stringify(doc) + '\n');
  }
}
