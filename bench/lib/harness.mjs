// Shared pieces of run.mjs and profile.mjs: op labels, inputs, contender loading, flag parsing.
import { findByPkIds, generateBulkPosts, SHAPES } from './dataset.mjs';

export const OPS = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];

export const OP_LABELS = {
  A: 'all users with posts',
  B: 'all users with groups',
  C: 'all users with profile, posts, groups',
  D: 'first 100 users, posts, comments',
  E: '2,000 × findByPk with profile',
  F: 'bulkCreate 10,000 posts',
  G: 'lazy getPosts() over 100 users',
};

export const CONTENDERS = ['raw', 'raw-json', 'relata', 'relata-raw', 'sequelize', 'typeorm', 'drizzle', 'kysely'];

/** The input each op receives (built once, outside the timings). */
export function opInputs() {
  return { E: findByPkIds(2000), F: generateBulkPosts(10_000) };
}

export async function loadContender(name) {
  return import(`../contenders/${name}.mjs`);
}

/** `--key value` / `--key=value` / `--flag` into an object. */
export function parseFlags(argv) {
  const flags = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    if (eq > 0) flags[arg.slice(2, eq)] = arg.slice(eq + 1);
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags[arg.slice(2)] = argv[++i];
    else flags[arg.slice(2)] = true;
  }
  return flags;
}

/** `--shape timestamped|lean|both` (or a comma list) into the list of shapes to run. */
export function parseShapes(value) {
  const list = value === 'both' ? SHAPES : String(value).split(',');
  for (const shape of list) if (!SHAPES.includes(shape)) throw new Error(`unknown shape ${shape} (expected ${SHAPES.join('|')} or both)`);
  return list;
}

/** `--scale N`: a whole number of times the base dataset's 1,000 users (default 1). */
export function parseScale(value) {
  const scale = value === undefined ? 1 : Number(value);
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`--scale must be a whole number of at least 1, got ${value}`);
  return scale;
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
