import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const project = fileURLToPath(new URL('../consumer/tsconfig.json', import.meta.url));

describe('the typed client, as another TypeScript project uses it', () => {
  it('type-checks, and every @ts-expect-error in it is really an error', async () => {
    const result = await run(process.execPath, [tsc, '--noEmit', '-p', project]).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    // An unused @ts-expect-error is itself an error (TS2578), so a wrong input that type-checks fails here.
    expect(result.output).toBe('');
    expect(result.code).toBe(0);
  });
});
