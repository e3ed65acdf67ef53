// Turns each contender's native output into one canonical value per op, so the harness can
// check that every contender returned the same data: same rows, same ids, same columns.
import { createHash } from 'node:crypto';

const num = (v) => (typeof v === 'string' || typeof v === 'bigint' ? Number(v) : v);
const byId = (a, b) => a[0] - b[0];
const len = (s) => (s == null ? null : String(s).length);

/** Default accessors: plain property access (raw rows, Sequelize-style instances, entities). */
export const plainShape = {
  posts: (u) => u.posts,
  groups: (u) => u.groups,
  profile: (u) => u.profile,
  comments: (p) => p.comments,
};

/** A value that must be a plain object (or null): what a `raw: true` find returns, not an instance. */
function plainObject(value, what) {
  if (value !== null && (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)) {
    throw new Error(`expected ${what} as a plain object (raw rows), got ${value?.constructor?.name ?? typeof value}`);
  }
  return value;
}
function plainEach(list, what) {
  if (Array.isArray(list)) for (const item of list) plainObject(item, what);
  return list;
}

/**
 * Accessors for raw rows nested as `get({ plain: true })` nests them (relata's `raw: true`): the
 * same properties as plainShape, and every root and related row must be a plain object.
 */
export const plainRowShape = {
  posts: (u) => plainEach(plainObject(u, 'a root row').posts, 'a post'),
  groups: (u) => plainEach(plainObject(u, 'a root row').groups, 'a group'),
  profile: (u) => plainObject(plainObject(u, 'a root row').profile ?? null, 'a profile'),
  comments: (p) => plainEach(plainObject(p, 'a post').comments, 'a comment'),
};

function canonUser(u) {
  return [num(u.id), u.name];
}
function canonPost(p) {
  return [num(p.id), num(p.userId), p.title, len(p.body)];
}
function canonComment(c) {
  return [num(c.id), num(c.postId), len(c.body)];
}
function canonGroup(g) {
  return [num(g.id), g.name];
}
function canonProfile(p) {
  return p == null ? null : [num(p.id), num(p.userId), len(p.bio)];
}

function many(list, canon, what) {
  if (!Array.isArray(list)) throw new Error(`expected an array of ${what}, got ${list === undefined ? 'undefined' : typeof list}`);
  return list.map(canon).sort(byId);
}

/**
 * The canonical form of one op's output. `shape` reads the relations off a contender's objects.
 * Roots of A, B, C and G are sorted by id (those ops ask for no order); D and E keep their order,
 * which the op defines (first 100 by id; the given sequence of ids).
 */
export function canonical(op, output, shape = plainShape) {
  switch (op) {
    case 'A':
      return output.map((u) => [...canonUser(u), many(shape.posts(u), canonPost, 'posts')]).sort(byId);
    case 'B':
      return output.map((u) => [...canonUser(u), many(shape.groups(u), canonGroup, 'groups')]).sort(byId);
    case 'C':
      return output
        .map((u) => [...canonUser(u), canonProfile(shape.profile(u)), many(shape.posts(u), canonPost, 'posts'), many(shape.groups(u), canonGroup, 'groups')])
        .sort(byId);
    case 'D':
      return output.map((u) => [
        ...canonUser(u),
        shape.posts(u).map((p) => [...canonPost(p), many(shape.comments(p), canonComment, 'comments')]).sort(byId),
      ]);
    case 'E':
      return output.map((u) => [...canonUser(u), canonProfile(shape.profile(u))]);
    case 'F':
      return { inserted: num(output) };
    case 'G':
      return output.map((u) => [...canonUser(u), many(shape.posts(u), canonPost, 'posts')]).sort(byId);
    default:
      throw new Error(`unknown op ${op}`);
  }
}

/** A short, human-readable summary of a canonical value: counts and id sums. */
export function summarize(op, c) {
  if (op === 'F') return `inserted=${c.inserted}`;
  const roots = c.length;
  const rootIdSum = c.reduce((s, u) => s + u[0], 0);
  const parts = [`roots=${roots}`, `rootIdSum=${rootIdSum}`];
  const count = (idx) => c.reduce((s, u) => s + u[idx].length, 0);
  const idSum = (idx) => c.reduce((s, u) => s + u[idx].reduce((t, x) => t + x[0], 0), 0);
  if (op === 'A' || op === 'G') parts.push(`posts=${count(2)}`, `postIdSum=${idSum(2)}`);
  if (op === 'B') parts.push(`memberships=${count(2)}`, `groupIdSum=${idSum(2)}`);
  if (op === 'C') parts.push(`profiles=${c.filter((u) => u[2] !== null).length}`, `posts=${count(3)}`, `postIdSum=${idSum(3)}`, `memberships=${count(4)}`);
  if (op === 'D') parts.push(`posts=${count(2)}`, `comments=${c.reduce((s, u) => s + u[2].reduce((t, p) => t + p[4].length, 0), 0)}`);
  if (op === 'E') parts.push(`profiles=${c.filter((u) => u[2] !== null).length}`);
  return parts.join(' ');
}

export function digest(c) {
  return createHash('sha1').update(JSON.stringify(c)).digest('hex').slice(0, 16);
}

/** The first place where two canonical values differ, for the mismatch message. */
export function firstDifference(a, b, path = '$') {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: length ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const d = firstDifference(a[k], b[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}
