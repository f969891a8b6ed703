import { closeSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Data directories this process holds, so a second handle in the same process is refused too. */
const held = new Set<string>();

const LOCK_FILE = 'finsight.lock';

export class DataDirectoryInUseError extends Error {
  override readonly name = 'DataDirectoryInUseError';
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Claims an embedded database directory for this process. PGlite is a single-process database with no lock
 * of its own: a second process opening the same files (a script run while `pnpm start` is up) crashes one
 * of them with `Aborted()` and can damage the data. A lock file holding the owner's pid makes that a clear
 * error instead; a lock left by a process that has died is taken over. Returns the release function.
 */
export function lockDataDirectory(dataDir: string): () => void {
  const file = join(dataDir, LOCK_FILE);
  const refuse = (pid: number) =>
    new DataDirectoryInUseError(
      `The embedded database in ${dataDir} is already open in ${pid === process.pid ? 'this process' : pid === 0 ? 'another process' : `process ${pid}`}` +
        ' (is `pnpm start` running?). PGlite allows one process at a time: stop that one, use another ' +
        'directory (DATA_DIR, or createDatabase({ dataDir })), or a PostgreSQL server (DATABASE_URL, or { url }).',
    );
  if (held.has(dataDir)) throw refuse(process.pid);
  try {
    const fd = openSync(file, 'wx');
    writeFileSync(fd, `${process.pid}\n`);
    closeSync(fd);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = holderOf(file);
    if (holder !== null && holder !== process.pid && isRunning(holder)) throw refuse(holder);
    // Empty: another process is between creating the file and writing its pid, unless that was long ago.
    if (holder === null && Date.now() - statSync(file).mtimeMs < 10_000) throw refuse(0);
    writeFileSync(file, `${process.pid}\n`);
  }
  held.add(dataDir);

  const release = () => {
    if (!held.delete(dataDir)) return;
    if (holderOf(file) === process.pid) rmSync(file, { force: true });
  };
  // A process that exits without closing the database leaves no lock behind either.
  process.once('exit', release);
  return () => {
    process.off('exit', release);
    release();
  };
}
