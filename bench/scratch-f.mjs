import { dialectConfig, createAndSeed, deleteBulkPosts, openAdmin } from './lib/db.mjs';
const dialect = process.argv[2] ?? 'sqlite';
const cfg = dialectConfig(dialect, { shape: process.argv[3] ?? 'lean', scale: 1 });
await createAndSeed(cfg);
const rows = Array.from({ length: 10000 }, (_, i) => ({ title: 't' + i, body: 'b'.repeat(100) + i, userId: (i % 1000) + 1 }));
const results = {};
const admin = await openAdmin(cfg);
const cs = {};
for (const name of (process.argv[4] ?? 'raw,relata,relata-typeorm,typeorm').split(',')) cs[name] = await (await import(`./contenders/${name}.mjs`)).create(cfg);
for (let r = 0; r < 9; r++) {
  for (const name of Object.keys(cs)) {
    global.gc();
    const t0 = performance.now();
    await cs[name].ops.F(rows);
    (results[name] ??= []).push(performance.now() - t0);
    await deleteBulkPosts(admin, cfg);
  }
}
for (const [k, v] of Object.entries(results)) { v.sort((a, b) => a - b); console.log(k, v[4].toFixed(1)); }
for (const c of Object.values(cs)) await c.close();
