// Installs bench/'s own devDependencies with `npm ci`, unless node_modules already matches the
// committed package-lock.json (a stamp holds the lockfile's hash). Building better-sqlite3 and
// sqlite3 from source takes minutes, so repeated `npm run bench` calls skip it.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const lock = join(here, 'package-lock.json');
const stamp = join(here, 'node_modules', '.bench-lock-hash');
const hash = createHash('sha256').update(readFileSync(lock)).digest('hex');

if (existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === hash && !process.argv.includes('--force')) {
  console.error('bench: dependencies are up to date with bench/package-lock.json');
} else {
  console.error('bench: npm ci in bench/ (builds better-sqlite3 and sqlite3; can take a few minutes)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  writeFileSync(stamp, `${hash}\n`);
}
