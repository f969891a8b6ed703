import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The compiled server `pnpm start` runs (turbo builds it before this package's tests). */
const serverFile = fileURLToPath(new URL('../../dist/server.js', import.meta.url));

/**
 * The server as a real process (`node dist/server.js`, or `file`), on a fresh embedded database unless
 * DATA_DIR is given; `waitFor` resolves when its output matches.
 */
export function startProcess(env: Record<string, string>, file = serverFile) {
  const child = spawn(process.execPath, [file], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: join(mkdtempSync(join(tmpdir(), 'finsight-server-')), 'pglite'),
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
  }) as ChildProcessWithoutNullStreams;
  let output = '';
  const waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = output.match(waiter.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    waitFor: (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const match = output.match(pattern);
        if (match) return resolve(match);
        waiters.push({ pattern, resolve });
        void exited.then((code) => reject(new Error(`exited with ${code} before ${pattern}:\n${output}`)));
      }),
  };
}
