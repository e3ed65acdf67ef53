/**
 * Keeps test runs on one machine from breaking each other when a fault test restarts a shared
 * database server (`test/reliability/faults/`).
 *
 * - Every vitest run registers itself (`registerRun`, from the global setup) with a marker file
 *   in the temp directory, named after its main process, and removes it in the teardown.
 * - A fault test takes the machine-wide lock (`acquireServerLock`) and waits until no other run
 *   is registered before it disturbs a server.
 * - A run that starts while the lock is held waits for it (`waitForServerLock`) before it probes
 *   the servers, so its tests never start in the middle of a restart.
 * Markers and locks of processes that no longer exist are ignored and cleaned up.
 */
import { closeSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUN_PREFIX = 'relata-test-run-';
const LOCK_FILE = join(tmpdir(), 'relata-server-faults.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The main process of this vitest run (workers inherit it from the global setup). */
export function runPid(): number {
  return Number(process.env['RELATA_TEST_RUN_PID'] || process.pid);
}

/** Registers this run (one marker per project); returns the function that unregisters it. */
export function registerRun(project: string): () => void {
  const marker = join(tmpdir(), `${RUN_PREFIX}${process.pid}-${project.replace(/[^\w-]/g, '_')}`);
  writeFileSync(marker, String(process.pid));
  return () => rmSync(marker, { force: true });
}

/** The main processes of the other runs on this machine that are still alive. */
export function otherRuns(): number[] {
  const pids = new Set<number>();
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(RUN_PREFIX)) continue;
    const pid = Number(name.slice(RUN_PREFIX.length).split('-')[0]);
    if (!Number.isInteger(pid) || pid === runPid()) continue;
    if (alive(pid)) pids.add(pid);
    else rmSync(join(tmpdir(), name), { force: true });
  }
  return [...pids];
}

/** The live process holding the lock, or undefined when it is free or its holder died. */
function lockOwner(): number | undefined {
  try {
    const text = readFileSync(LOCK_FILE, 'utf8');
    // Empty: its holder created it and is writing its pid, unless that was long ago (it died).
    if (text === '') return Date.now() - statSync(LOCK_FILE).mtimeMs < 10_000 ? -1 : undefined;
    const pid = Number(text);
    return Number.isInteger(pid) && pid > 0 && alive(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Waits (up to `maxMs`) while another run holds the server lock, i.e. may be restarting a server. */
export async function waitForServerLock(maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  for (let owner = lockOwner(); owner !== undefined && owner !== runPid() && Date.now() < deadline; owner = lockOwner()) await sleep(500);
}

/**
 * Takes the machine-wide server lock, waiting up to `maxMs` for another holder; returns the
 * function that releases it, or undefined when it stayed taken.
 */
export async function acquireServerLock(maxMs: number): Promise<(() => void) | undefined> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    try {
      const fd = openSync(LOCK_FILE, 'wx');
      writeFileSync(fd, String(runPid()));
      closeSync(fd);
      return () => rmSync(LOCK_FILE, { force: true });
    } catch {
      // Taken: by a live run (wait), or left behind by one that died (remove it and retry).
      if (lockOwner() === undefined) rmSync(LOCK_FILE, { force: true });
      else if (Date.now() > deadline) return undefined;
      else await sleep(500);
    }
  }
}
