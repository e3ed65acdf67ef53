// relata's TypeORM API (relata/typeorm, from the built ../dist): typeorm.mjs's entities and ops, the
// same EntitySchemas (typeorm-ops.mjs) and repository calls, so a TypeORM user's code runs on relata
// with only the import changed. G has no relation query builder on relata (QueryBuilder is out of
// its scope): its lazy load is TypeORM's other one, a lazy relation (`lazyPosts`, `lazy: true`) read
// in the loop.
import { DataSource, EntitySchema } from '../../dist/typeorm.js';
import { repositoryOps, schemaEntities } from './typeorm-ops.mjs';

export const name = 'relata-typeorm';

export async function create(cfg) {
  const e = schemaEntities(EntitySchema, cfg.dialect, cfg.timestamps, { lazyPosts: true });
  const common = { entities: Object.values(e), synchronize: false, logging: false };
  // PostgreSQL selects the bench schema through the driver's search_path, as the other relata
  // contenders do (the DataSource's `schema` option would also create it).
  const options =
    cfg.dialect === 'sqlite'
      ? { ...common, type: 'better-sqlite3', database: cfg.file }
      : cfg.dialect === 'postgres'
        ? { ...common, type: 'postgres', host: cfg.host, port: cfg.port, username: cfg.user, password: cfg.password, database: cfg.database, extra: { options: cfg.pgOptions }, poolSize: 5 }
        : { ...common, type: 'mariadb', host: cfg.host, port: cfg.port, username: cfg.user, password: cfg.password, database: cfg.database, poolSize: 5 };
  const ds = new DataSource(options);
  await ds.initialize();
  const users = ds.getRepository(e.User);
  const posts = ds.getRepository(e.Post);

  return {
    ops: {
      ...repositoryOps(cfg, users, posts),
      G: async () => {
        const list = await users.find({ order: { id: 'ASC' }, take: 100 });
        for (const u of list) u.loadedPosts = await u.lazyPosts;
        return list;
      },
    },
    close: () => ds.destroy(),
    shape: { posts: (u) => u.loadedPosts ?? u.posts, groups: (u) => u.groups, profile: (u) => u.profile, comments: (p) => p.comments },
  };
}
