// typeorm with EntitySchema (no decorators, no compile step) and its default `find({ relations })`,
// which loads relations with LEFT JOINs; G uses the relation query builder, TypeORM's lazy load.
import 'reflect-metadata';
import { DataSource, EntitySchema } from 'typeorm';
import { repositoryOps, schemaEntities } from './typeorm-ops.mjs';

export const name = 'typeorm';

export async function create(cfg) {
  const e = schemaEntities(EntitySchema, cfg.dialect, cfg.timestamps);
  const common = { entities: Object.values(e), synchronize: false, logging: false };
  const options =
    cfg.dialect === 'sqlite'
      ? { ...common, type: 'better-sqlite3', database: cfg.file }
      : cfg.dialect === 'postgres'
        ? { ...common, type: 'postgres', host: cfg.host, port: cfg.port, username: cfg.user, password: cfg.password, database: cfg.database, schema: cfg.schema, poolSize: 5 }
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
        for (const u of list) u.posts = await ds.createQueryBuilder().relation(e.User, 'posts').of(u).loadMany();
        return list;
      },
    },
    close: () => ds.destroy(),
  };
}
