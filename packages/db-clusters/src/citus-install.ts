import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE, REPO } from './cache-dir';
import { PG_BIN } from './postgres-node';

const VERSION = '13.2.2';

/** What Citus's configure and make need on Debian 12, from its own build documentation. */
const BUILD_PACKAGES = [
  'build-essential',
  'postgresql-server-dev-15',
  'libcurl4-openssl-dev',
  'liblz4-dev',
  'libzstd-dev',
  'libkrb5-dev',
  'libselinux1-dev',
  'libxslt1-dev',
  'libpam0g-dev',
  'libreadline-dev',
  'autoconf',
  'flex',
];

function run(command: string, args: string[], cwd?: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${(result.stderr || result.stdout).slice(-4000)}`);
  }
  return result.stdout.trim();
}

/**
 * The vendored Citus source (Debian has no Citus package, and Citus 14 dropped PostgreSQL 15): CITUS_VENDOR_DIR,
 * else `shared/vendor` beside the checkout or at /work/shared/vendor.
 */
function vendorDir(): string {
  const candidates = [
    process.env.CITUS_VENDOR_DIR,
    join(REPO, '..', 'shared', 'vendor'),
    '/work/shared/vendor',
  ].filter((candidate): candidate is string => Boolean(candidate));
  const found = candidates.find((candidate) => existsSync(join(candidate, `citus-${VERSION}.tar.gz`)));
  if (!found) {
    throw new Error(
      `citus-${VERSION}.tar.gz not found in ${candidates.join(', ')}: set CITUS_VENDOR_DIR to its folder`,
    );
  }
  return found;
}

export function citusInstalled(): boolean {
  return existsSync(join(run(join(PG_BIN, 'pg_config'), ['--pkglibdir']), 'citus.so'));
}

/**
 * Installs citus.so into this machine's PostgreSQL 15 unless it is there: the build packages with apt, then
 * configure and make in a cached copy of the vendored source (with the patch PostgreSQL 15.20 needs), then
 * `make install`. Needs root, as apt and the install into /usr/lib/postgresql do.
 */
export function ensureCitus(log: (line: string) => void): void {
  if (citusInstalled()) return;
  if (process.getuid?.() !== 0) throw new Error('Installing Citus needs root (apt-get and make install)');
  const source = join(CACHE, `citus-${VERSION}`);
  const built = join(source, 'src', 'backend', 'distributed', 'citus.so');
  if (!existsSync(built)) {
    log(`Installing Citus's build packages with apt…`);
    run('apt-get', ['install', '-y', '--no-install-recommends', ...BUILD_PACKAGES]);
    const vendor = vendorDir();
    mkdirSync(CACHE, { recursive: true });
    if (!existsSync(source)) {
      run('tar', ['xzf', join(vendor, `citus-${VERSION}.tar.gz`), '-C', CACHE]);
      run('patch', ['-p1', '-i', join(vendor, `citus-${VERSION}-pg15.20.patch`)], source);
    }
    log(`Building Citus ${VERSION} from ${vendor} (about 3 minutes on 2 cores)…`);
    run('./configure', [`PG_CONFIG=${join(PG_BIN, 'pg_config')}`], source);
    run('make', ['-j2'], source);
  }
  run('make', ['install'], source);
  if (!citusInstalled()) throw new Error('make install finished but citus.so is not in pkglibdir');
  log(`Citus ${VERSION} installed.`);
}
