// The benchmark's data, generated deterministically from a seeded PRNG: every run, on every
// dialect, seeds exactly the same rows with the same ids.

export const SIZES = Object.freeze({
  users: 1000,
  postsPerUser: 10,
  commentsPerPost: 3,
  groups: 50,
  groupsPerUser: 5,
});

/** The two row shapes: every table with Sequelize's `createdAt`/`updatedAt`, or without them. */
export const SHAPES = ['timestamped', 'lean'];

/** The sizes at a scale: `--scale N` multiplies the users, and so their profiles, posts, comments and memberships. */
export function sizes(scale = 1) {
  return { ...SIZES, users: SIZES.users * scale };
}

/** Ids of the seeded posts are 1..seededPosts(scale); op F inserts above that and deletes them again. */
export function seededPosts(scale = 1) {
  return sizes(scale).users * SIZES.postsPerUser;
}

/** mulberry32: a tiny, fast, well-distributed 32-bit PRNG. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'relation join index query table column schema lazy eager batch parent child row key foreign primary ' +
  'merge stitch plan cost node tree leaf graph set bag tuple order limit offset group count sum filter ' +
  'scan seek page cache lock latch commit rollback savepoint cursor stream buffer pool socket driver ' +
  'dialect model instance attribute association include through junction alias scope hook'
).split(' ');

function text(rand, length) {
  let out = '';
  while (out.length < length) out += (out ? ' ' : '') + WORDS[Math.floor(rand() * WORDS.length)];
  return out.slice(0, length);
}

/** A fixed instant so that every row, and so every run's output, is identical. */
export const SEED_TIME = new Date('2024-01-01T00:00:00.000Z');

/**
 * The whole dataset as plain rows, keyed by table, ids included.
 * Rows carry `createdAt`/`updatedAt` as Dates; the seeder formats them per dialect, or leaves them
 * out for the lean shape. A larger scale appends users: the first 1,000 are the same at every scale.
 */
export function generateDataset(scale = 1, seed = 20240101) {
  const size = sizes(scale);
  const rand = mulberry32(seed);
  const at = (i) => new Date(SEED_TIME.getTime() + i * 1000);
  const Users = [];
  const Profiles = [];
  const Posts = [];
  const Comments = [];
  const Groups = [];
  const UserGroups = [];
  for (let g = 1; g <= size.groups; g++) Groups.push({ id: g, name: `group ${g} ${text(rand, 20)}`, createdAt: at(g), updatedAt: at(g) });
  let postId = 0;
  let commentId = 0;
  for (let u = 1; u <= size.users; u++) {
    Users.push({ id: u, name: `user ${u} ${text(rand, 16)}`, createdAt: at(u), updatedAt: at(u) });
    Profiles.push({ id: u, bio: text(rand, 120), userId: u, createdAt: at(u), updatedAt: at(u) });
    for (let p = 0; p < size.postsPerUser; p++) {
      postId++;
      Posts.push({ id: postId, title: text(rand, 40), body: text(rand, 180 + Math.floor(rand() * 41)), userId: u, createdAt: at(postId), updatedAt: at(postId) });
      for (let c = 0; c < size.commentsPerPost; c++) {
        commentId++;
        Comments.push({ id: commentId, body: text(rand, 60 + Math.floor(rand() * 41)), postId, createdAt: at(commentId), updatedAt: at(commentId) });
      }
    }
    const chosen = new Set();
    while (chosen.size < size.groupsPerUser) chosen.add(1 + Math.floor(rand() * size.groups));
    for (const g of [...chosen].sort((a, b) => a - b)) UserGroups.push({ userId: u, groupId: g, createdAt: at(u), updatedAt: at(u) });
  }
  return { Users, Profiles, Posts, Comments, Groups, UserGroups };
}

/** The posts op F inserts: 10,000 rows spread over users 1..1000 (at every scale), ~200-char bodies. */
export function generateBulkPosts(count = 10_000, seed = 7) {
  const rand = mulberry32(seed);
  const rows = [];
  for (let i = 0; i < count; i++) {
    rows.push({ title: `bulk ${i} ${text(rand, 30)}`, body: text(rand, 180 + Math.floor(rand() * 41)), userId: 1 + (i % SIZES.users) });
  }
  return rows;
}

/** Ids for op E: 2,000 sequential lookups cycling 1..1000 (at every scale). */
export function findByPkIds(count = 2000) {
  return Array.from({ length: count }, (_, i) => 1 + (i % SIZES.users));
}
