// relata's loading benchmark: seven ops, eight contenders, interleaved rounds, medians as ratios to
// the floor (per op, the faster of the two hand-written raw strategies, raw and raw-json), and
// every contender's output checked against the raw driver's. Each dialect runs on two row shapes
// of the same data: `timestamped` (Sequelize's createdAt/updatedAt on every table) and `lean`
// (ids, foreign keys and text columns only).
//
//   node --expose-gc bench/run.mjs [--dialect sqlite|postgres|mariadb|all|a,b] [--rounds 7] [--f-rounds N]
//                                  [--ops A,B,...] [--contenders raw,relata,...]
//                                  [--shape timestamped|lean|both] [--scale N]
//   (npm run bench -- --dialect postgres --rounds 5)
//
//   --shape   which row shape(s) to seed and run, each with its own table (default both)
//   --scale   multiplies the users, and so profiles, posts, comments and memberships (default 1 =
//             1,000 users); E's 2,000 lookups and F's 10,000 inserted posts stay the same
//   --contenders  some of raw, raw-json, relata, relata-raw, sequelize, typeorm, drizzle, kysely (default
//             all); relata-raw is relata with `raw: true` on A–D (plain rows, no instances);
//             relata-json and relata-batched (not in the default list) force includeStrategy
//             relata-typeorm (not in the default list) runs typeorm's ops on relata/typeorm's Repository API
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countBulkPosts, createAndSeed, deleteBulkPosts, dialectConfig, DIALECTS, openAdmin, reachable } from './lib/db.mjs';
import { sizes } from './lib/dataset.mjs';
import { CONTENDERS, loadContender, median, OP_LABELS, opInputs, OPS, parseFlags, parseScale, parseShapes } from './lib/harness.mjs';
import { canonical, digest, firstDifference, summarize } from './lib/verify.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const flags = parseFlags(process.argv.slice(2));
if (flags.help) {
  console.log(
    'usage: node --expose-gc bench/run.mjs [--dialect sqlite|postgres|mariadb|all|a,b] [--rounds 7] [--f-rounds N] [--ops A,B,...] [--contenders raw,relata,...] [--shape timestamped|lean|both] [--scale N]\n' +
      `  contenders: ${CONTENDERS.join(', ')} (default all); relata-raw runs A–D with raw: true (plain rows, no instances); also relata-json and relata-batched (relata with includeStrategy 'json' / 'batched') and relata-typeorm (typeorm's ops on relata/typeorm), not in the default list`,
  );
  process.exit(0);
}
const dialects = flags.dialect === undefined ? ['sqlite'] : flags.dialect === 'all' ? DIALECTS : String(flags.dialect).split(',');
const rounds = Number(flags.rounds ?? 7);
const fRounds = Number(flags['f-rounds'] ?? rounds);
const ops = flags.ops ? String(flags.ops).toUpperCase().split(',') : OPS;
const contenderNames = flags.contenders ? String(flags.contenders).split(',') : CONTENDERS;
const shapes = parseShapes(flags.shape ?? 'both');
const scale = parseScale(flags.scale);
/** The raw strategies the floor is taken from (those that run). */
const FLOOR_OF = ['raw', 'raw-json'];
for (const op of ops) if (!OPS.includes(op)) throw new Error(`unknown op ${op} (expected some of ${OPS.join(',')})`);
for (const d of dialects) if (!DIALECTS.includes(d)) throw new Error(`unknown dialect ${d} (expected ${DIALECTS.join('|')} or all)`);
if (!contenderNames.includes('raw')) contenderNames.unshift('raw');
if (!(rounds >= 1) || !(fRounds >= 1)) throw new Error('--rounds and --f-rounds must be at least 1');

const gc = globalThis.gc ?? (() => {});
if (!globalThis.gc) console.warn('note: run with node --expose-gc for steadier timings (npm run bench does)');
const log = (...a) => console.error(...a);
let failures = 0;

function fail(where, op, contender, message) {
  failures++;
  log(`\n!!! ${where} op ${op} ${contender}: ${message}\n`);
}

const errorText = (e) => (e && e.stack ? e.stack.split('\n').slice(0, 4).join('\n') : String(e));

async function runDialect(dialect, shape) {
  const cfg = dialectConfig(dialect, { shape, scale });
  const up = await reachable(cfg);
  if (!up.ok) {
    log(`${dialect}: not reachable (${up.reason}); skipped`);
    return undefined;
  }
  const where = `${dialect} ${shape}`;
  log(`${where}: creating the schema and seeding ${sizes(scale).users} users…`);
  const counts = await createAndSeed(cfg);
  const loadAtStart = loadavg()[0];
  log(`${where}: seeded ${JSON.stringify(counts)}`);
  const inputs = opInputs();
  const admin = await openAdmin(cfg);

  const contenders = [];
  for (const name of contenderNames) {
    try {
      const mod = await loadContender(name);
      const instance = await mod.create(cfg);
      contenders.push({ name, ...instance, failed: new Map() });
    } catch (e) {
      fail(where, '-', name, `could not start: ${errorText(e)}`);
      contenders.push({ name, ops: {}, failed: new Map([['*', 'error']]), close: async () => {} });
    }
  }
  let counter;
  try {
    counter = await (await loadContender('relata')).createCounter(cfg);
  } catch (e) {
    fail(where, '-', 'relata', `statement counter could not start: ${errorText(e)}`);
  }

  const results = {};
  const floor = {};
  const statements = {};
  const verification = {};
  const notes = {};
  for (const op of ops) {
    const input = inputs[op];
    const opRounds = op === 'F' ? fRounds : rounds;
    const samples = Object.fromEntries(contenders.map((c) => [c.name, []]));
    const status = {};
    let reference;

    // Runs once and checks the output against the raw driver's; returns the time, or undefined.
    const runOnce = async (c, timed) => {
      if (status[c.name] !== undefined && status[c.name] !== 'ok') return undefined;
      const fn = c.ops[op];
      if (c.failed.has('*')) return void (status[c.name] = 'error');
      if (typeof fn !== 'function') return void (status[c.name] = 'n/a');
      if (c.unsupported?.[op]) {
        notes[`${op} ${c.name}`] = c.unsupported[op];
        return void (status[c.name] = 'n/a');
      }
      gc();
      let output;
      let ms;
      try {
        const t0 = performance.now();
        output = await fn(input);
        ms = performance.now() - t0;
      } catch (e) {
        status[c.name] = 'error';
        fail(where, op, c.name, `threw: ${errorText(e)}`);
        if (op === 'F') await deleteBulkPosts(admin, cfg);
        return undefined;
      }
      try {
        const canon = canonical(op, output, c.shape);
        if (op === 'F') {
          canon.inDatabase = await countBulkPosts(admin, cfg);
          await deleteBulkPosts(admin, cfg);
        }
        if (c.name === 'raw' && reference === undefined) {
          reference = { canon, digest: digest(canon), summary: summarize(op, canon) };
          verification[op] = { digest: reference.digest, summary: reference.summary };
          if (op === 'F' && canon.inDatabase !== input.length) throw new Error(`raw inserted ${canon.inDatabase} rows, expected ${input.length}`);
        } else if (digest(canon) !== reference.digest) {
          status[c.name] = 'mismatch';
          fail(where, op, c.name, `returned different data than raw: ${firstDifference(reference.canon, canon) ?? 'digest differs'}\n    raw:  ${reference.summary}\n    ${c.name}: ${summarize(op, canon)}`);
          return undefined;
        }
      } catch (e) {
        status[c.name] = 'mismatch';
        fail(where, op, c.name, `output could not be verified: ${errorText(e)}`);
        if (op === 'F') await deleteBulkPosts(admin, cfg);
        return undefined;
      }
      status[c.name] = 'ok';
      if (timed) samples[c.name].push(ms);
      return ms;
    };

    log(`${where} ${op} (${OP_LABELS[op]}): warm-up`);
    for (const c of contenders) await runOnce(c, false);
    for (let r = 0; r < opRounds; r++) {
      const order = contenders.map((_, i) => contenders[(i + r) % contenders.length]);
      for (const c of order) await runOnce(c, true);
      log(`${where} ${op} round ${r + 1}/${opRounds}: ${contenders.map((c) => `${c.name} ${samples[c.name].at(-1)?.toFixed(1) ?? status[c.name]}`).join(', ')}`);
    }
    if (counter) {
      try {
        const { count } = await counter.count(op, input);
        statements[op] = count;
        if (op === 'F') await deleteBulkPosts(admin, cfg);
      } catch (e) {
        fail(where, op, 'relata (statement count)', errorText(e));
        if (op === 'F') await deleteBulkPosts(admin, cfg);
      }
    }
    const medianOf = (name) => (status[name] === 'ok' && samples[name]?.length > 0 ? median(samples[name]) : undefined);
    const rawMedian = medianOf('raw');
    // The floor: the faster of the raw strategies that ran this op.
    for (const name of FLOOR_OF) {
      const med = medianOf(name);
      if (med !== undefined && !(med >= floor[op]?.medianMs)) floor[op] = { contender: name, medianMs: med };
    }
    results[op] = {};
    for (const c of contenders) {
      const s = samples[c.name];
      const med = medianOf(c.name);
      const ok = med !== undefined;
      results[op][c.name] = {
        status: status[c.name] ?? 'n/a',
        medianMs: med,
        ratio: ok && rawMedian ? med / rawMedian : undefined,
        ratioToFloor: ok && floor[op] ? med / floor[op].medianMs : undefined,
        minMs: ok ? Math.min(...s) : undefined,
        samplesMs: s.map((x) => Math.round(x * 1000) / 1000),
      };
    }
  }

  for (const c of contenders) await c.close().catch((e) => log(`closing ${c.name}: ${e.message}`));
  if (counter) await counter.close();
  await admin.close();
  return { cfg, counts, results, floor, statements, verification, notes, load: { start: loadAtStart, end: loadavg()[0] } };
}

function ratioCell(r) {
  if (r.status !== 'ok') return r.status;
  const x = r.ratioToFloor;
  return x === undefined ? '?' : x >= 9.995 ? `${x.toFixed(0)}×` : `${x.toFixed(2)}×`;
}

const msText = (ms) => ms.toFixed(ms >= 100 ? 0 : 1);

function markdown(dialect, date, run) {
  const names = contenderNames.filter((n) => n !== 'raw');
  const title = { sqlite: 'SQLite', postgres: 'PostgreSQL', mariadb: 'MariaDB' }[dialect];
  const shape = run.cfg.shape === 'lean' ? 'lean rows (no createdAt/updatedAt)' : 'timestamped rows';
  const lines = [];
  lines.push(
    `### ${title}, ${shape}, scale ${scale} (${run.counts.Users.toLocaleString('en-US')} users), ${date} ` +
      `(${rounds} rounds${fRounds !== rounds ? `, F ${fRounds} rounds` : ''}; median as a ratio to the floor, the faster of raw and raw-json; ` +
      `1-min load average ${run.load.start.toFixed(1)}→${run.load.end.toFixed(1)})`,
  );
  lines.push('');
  lines.push(`| op | raw (ms) | floor (ms) | ${names.join(' | ')} | relata SQL statements |`);
  lines.push(`| --- | ---: | ---: | ${names.map(() => '---:').join(' | ')} | ---: |`);
  for (const op of ops) {
    const row = run.results[op];
    const raw = row.raw;
    const rawCell = raw.status === 'ok' ? msText(raw.medianMs) : raw.status;
    const f = run.floor[op];
    const floorCell = f ? `${f.contender} ${msText(f.medianMs)}` : '?';
    const cells = names.map((n) => (row[n] ? ratioCell(row[n]) : 'n/a'));
    lines.push(`| ${op}: ${OP_LABELS[op]} | ${rawCell} | ${floorCell} | ${cells.join(' | ')} | ${run.statements[op] ?? '?'} |`);
  }
  const notes = Object.entries(run.notes);
  if (notes.length > 0) {
    lines.push('');
    const byReason = new Map();
    for (const [key, reason] of notes) byReason.set(reason, [...(byReason.get(reason) ?? []), key]);
    for (const [reason, keys] of byReason) lines.push(`n/a (${keys.join(', ')}): ${reason}.`);
  }
  return lines.join('\n');
}

const date = new Date().toISOString().slice(0, 10);
const tables = [];
for (const dialect of dialects) for (const shape of shapes) {
  const run = await runDialect(dialect, shape);
  if (!run) continue;
  const table = markdown(dialect, date, run);
  tables.push(table);
  console.log(`\n${table}\n`);
  const out = join(here, 'results', `${dialect}-${shape}${scale !== 1 ? `-x${scale}` : ''}-${date}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(
    out,
    JSON.stringify(
      {
        dialect,
        shape,
        scale,
        date,
        startedBy: `node bench/run.mjs ${process.argv.slice(2).join(' ')}`.trim(),
        node: process.version,
        rounds,
        fRounds,
        ops,
        contenders: contenderNames,
        loadAverage1m: run.load,
        dataset: run.counts,
        verification: run.verification,
        relataStatements: run.statements,
        notes: run.notes,
        // Per op, the faster raw strategy; results[op][contender] has `ratio` (to raw) and `ratioToFloor`.
        floor: run.floor,
        results: run.results,
      },
      null,
      2,
    ),
  );
  log(`wrote ${relative(process.cwd(), out)}`);
}
if (failures > 0) {
  log(`\n${failures} failure(s): see the lines marked !!! above`);
  process.exitCode = 1;
}
