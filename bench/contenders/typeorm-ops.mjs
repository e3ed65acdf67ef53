// Ops A–F written with TypeORM's Repository API, shared by the `typeorm` contender and
// `relata-typeorm` (the same calls on relata/typeorm): only the import and G differ between them.
export function repositoryOps(cfg, users, posts) {
  const perInsert = Math.floor(Math.min(cfg.paramLimit, 65_535) / (cfg.timestamps ? 6 : 4));
  return {
    A: () => users.find({ relations: { posts: true } }),
    B: () => users.find({ relations: { groups: true } }),
    C: () => users.find({ relations: { profile: true, posts: true, groups: true } }),
    D: () => users.find({ relations: { posts: { comments: true } }, order: { id: 'ASC' }, take: 100 }),
    E: async (ids) => {
      const out = [];
      for (const id of ids) out.push(await users.findOne({ where: { id }, relations: { profile: true } }));
      return out;
    },
    F: async (rows) => {
      const now = new Date();
      // insert() writes the generated ids back into the objects it is given: never hand it the shared input.
      const values = rows.map(cfg.timestamps ? (r) => ({ ...r, createdAt: now, updatedAt: now }) : (r) => ({ ...r }));
      let inserted = 0;
      for (let start = 0; start < values.length; start += perInsert) {
        const chunk = values.slice(start, start + perInsert);
        await posts.insert(chunk);
        inserted += chunk.length;
      }
      return inserted;
    },
  };
}
