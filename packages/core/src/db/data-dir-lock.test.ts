import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase } from './client';
import { DataDirectoryInUseError } from './data-dir-lock';

const freshDirectory = () => join(mkdtempSync(join(tmpdir(), 'finsight-lock-')), 'pglite');

describe('an embedded database directory', () => {
  it('is held by one handle at a time, and free again once closed', async () => {
    const dataDir = freshDirectory();
    const first = await createDatabase({ dataDir, migrate: false });
    expect(readFileSync(join(dataDir, 'finsight.lock'), 'utf8').trim()).toBe(String(process.pid));
    const second = createDatabase({ dataDir, migrate: false });
    await expect(second).rejects.toThrow(DataDirectoryInUseError);
    await expect(second).rejects.toThrow(
      `The embedded database in ${dataDir} is already open in this process`,
    );
    await first.close();
    expect(existsSync(join(dataDir, 'finsight.lock'))).toBe(false);
    const again = await createDatabase({ dataDir, migrate: false });
    await again.close();
  });

  it('is refused while another running process holds it, naming that process', async () => {
    const dataDir = freshDirectory();
    await (await createDatabase({ dataDir, migrate: false })).close();
    const other = spawn('sleep', ['30']);
    try {
      writeFileSync(join(dataDir, 'finsight.lock'), `${other.pid}\n`);
      await expect(createDatabase({ dataDir, migrate: false })).rejects.toThrow(
        `already open in process ${other.pid} (is \`pnpm start\` running?)`,
      );
    } finally {
      other.kill();
    }
  });

  it('is taken over from a process that died without letting go', async () => {
    const dataDir = freshDirectory();
    await (await createDatabase({ dataDir, migrate: false })).close();
    const gone = spawn('true');
    await new Promise((resolve) => gone.on('exit', resolve));
    writeFileSync(join(dataDir, 'finsight.lock'), `${gone.pid}\n`);
    const handle = await createDatabase({ dataDir, migrate: false });
    expect(readFileSync(join(dataDir, 'finsight.lock'), 'utf8').trim()).toBe(String(process.pid));
    await handle.close();
  });

  it('defaults to .data/pglite in the working directory, not in the finsight checkout', async () => {
    const workingDirectory = mkdtempSync(join(tmpdir(), 'finsight-cwd-'));
    const previous = process.cwd();
    process.chdir(workingDirectory);
    try {
      const handle = await createDatabase({ migrate: false });
      expect(existsSync(join(workingDirectory, '.data', 'pglite', 'finsight.lock'))).toBe(true);
      await handle.close();
    } finally {
      process.chdir(previous);
    }
  });
});
