// Profiles one op of one contender (relata by default) under `node --cpu-prof`, then prints where
// the time went: self time by area (relata, kysely, driver, node, GC) and the top functions.
// The .cpuprofile file opens in Chrome DevTools (Performance tab) or speedscope.
//
//   node bench/profile.mjs --op E [--dialect sqlite|postgres|mariadb] [--iterations 10] [--contender relata] [--top 25]
//                          [--shape timestamped|lean] [--scale N]
//   (npm run bench:profile -- --op E --dialect postgres)
//
//   --shape and --scale choose the dataset as in run.mjs (default: timestamped, scale 1).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countBulkPosts, createAndSeed, deleteBulkPosts, dialectConfig, openAdmin, reachable } from './lib/db.mjs';
import { loadContender, OP_LABELS, opInputs, OPS, parseFlags, parseScale, parseShapes } from './lib/harness.mjs';
import { canonical, summarize } from './lib/verify.mjs';

const self = fileURLToPath(import.meta.url);
const here = dirname(self);
const flags = parseFlags(process.argv.slice(2));
const op = String(flags.op ?? 'E').toUpperCase();
const dialect = String(flags.dialect ?? 'sqlite');
const contender = String(flags.contender ?? 'relata');
const iterations = Number(flags.iterations ?? (op === 'E' || op === 'F' ? 5 : 20));
if (!OPS.includes(op)) throw new Error(`unknown op ${op} (expected one of ${OPS.join(',')})`);
const shapes = parseShapes(flags.shape ?? 'timestamped');
if (shapes.length !== 1) throw new Error('profile.mjs profiles one shape: --shape timestamped or --shape lean');
const cfg = dialectConfig(dialect, { shape: shapes[0], scale: parseScale(flags.scale) });

if (!flags.child) {
  // Parent: seed without profiling, then run the op in a child under --cpu-prof.
  const up = await reachable(cfg);
  if (!up.ok) throw new Error(`${dialect} is not reachable (${up.reason})`);
  console.error(`seeding ${dialect} (${cfg.shape}, scale ${cfg.scale})…`);
  await createAndSeed(cfg);
  const dir = join(here, 'results', 'profiles');
  mkdirSync(dir, { recursive: true });
  const before = new Set(readdirSync(dir));
  const child = spawnSync(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', `${contender}-${dialect}-${op}-${Date.now()}.cpuprofile`, self, ...process.argv.slice(2), '--child'],
    { stdio: 'inherit' },
  );
  if (child.status !== 0) process.exit(child.status ?? 1);
  const file = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile') && !before.has(f))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!file) throw new Error('no .cpuprofile was written');
  summarizeProfile(file, Number(flags.top ?? 25));
  console.log(`\nprofile: ${relative(process.cwd(), file)} (open in Chrome DevTools → Performance, or speedscope)`);
} else {
  const inputs = opInputs();
  const admin = await openAdmin(cfg);
  const c = await (await loadContender(contender)).create(cfg);
  // No forced GC between iterations here: it would show up in the profile as the op's own time.
  const run = async (label) => {
    const t0 = performance.now();
    const out = await c.ops[op](inputs[op]);
    const ms = performance.now() - t0;
    const canon = canonical(op, out, c.shape);
    if (op === 'F') await deleteBulkPosts(admin, cfg);
    console.error(`${label}: ${ms.toFixed(1)} ms  (${summarize(op, canon)})`);
    return ms;
  };
  console.error(`${contender} ${dialect} op ${op} (${OP_LABELS[op]}), ${iterations} iterations after one warm-up`);
  await run('warm-up');
  const times = [];
  for (let i = 0; i < iterations; i++) times.push(await run(`#${i + 1}`));
  times.sort((a, b) => a - b);
  console.error(`median ${times[times.length >> 1].toFixed(1)} ms`);
  if (op === 'F') await countBulkPosts(admin, cfg);
  await c.close();
  await admin.close();
}

function area(url) {
  if (!url) return 'native / GC / idle';
  if (url.includes('/dist/index.')) return 'relata (dist)';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (m) return m[1];
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/bench/')) return 'bench harness';
  return url;
}

function summarizeProfile(file, top) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const areas = new Map();
  const fns = new Map();
  for (const [id, us] of self) {
    const { callFrame: f } = byId.get(id);
    const name = f.functionName || (f.url ? '(anonymous)' : `(${f.functionName || 'program'})`);
    const special = ['(idle)', '(garbage collector)', '(program)'].includes(f.functionName) ? f.functionName : undefined;
    const a = special ?? area(f.url);
    areas.set(a, (areas.get(a) ?? 0) + us);
    const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules\/|dist\/)/, '$1')}:${f.lineNumber + 1}` : '';
    const key = `${name}  ${where}`;
    fns.set(key, (fns.get(key) ?? 0) + us);
  }
  const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms`;
  console.log(`\nself time by area (whole process, ${(total / 1000).toFixed(0)} ms sampled):`);
  for (const [a, us] of [...areas].sort((x, y) => y[1] - x[1]).slice(0, 15)) console.log(`  ${pct(us)}  ${a}`);
  console.log(`\ntop ${top} functions by self time:`);
  for (const [k, us] of [...fns].sort((x, y) => y[1] - x[1]).slice(0, top)) console.log(`  ${pct(us)}  ${k}`);
}
