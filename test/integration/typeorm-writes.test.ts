/**
 * Repository.create/merge/preload, insert, update, upsert, delete, remove, increment/decrement and
 * clear on relata/typeorm against TypeORM itself, on every dialect: the rows (plain SQL), the
 * returned objects and results compared; and the errors for bad input.
 */
import 'reflect-metadata';
import * as TypeormLib from 'typeorm';
import { expect, it } from 'vitest';
import { InvalidOptionError, UnknownAttributeError, UnsupportedError } from '../../src/index.js';
import { DataSource } from '../../src/typeorm/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { writesTwin, type Side } from '../support/typeorm-writes-twin.js';
import { defineEntities, view, type Entities, type UserShape } from './typeorm-writes-entities.js';

type S = Side<Entities>;

function errorOf(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error,
  );
}

describeEachDialect('typeorm writes, relata against typeorm', (block) => {
  const twin = writesTwin(block, defineEntities);
  const tables = async (side: S, ...names: string[]) => Object.fromEntries(await Promise.all(names.map(async (name) => [name, await twin.rows(side, name, name === 'post_tags_tag' ? 'postId,tagId' : 'id')] as const)));

  it('create() builds unsaved instances of the entity class, nested relations too, unknown keys dropped; merge() and preload()', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      const built = users.create({ name: 'ada', posts: [{ title: 'Notes' }], bogus: 1 } as never) as UserShape;
      const many = users.create([{ name: 'a' }, { name: 'b' }]);
      const merged = users.merge(users.create({ name: 'm' }), { score: 3 }, { bio: 'b', posts: [{ title: 'x' }] });
      await users.save({ name: 'ada', bio: 'math', posts: [{ title: 'p1' }] });
      const preloaded = await users.preload({ id: 1, name: 'Ada' });
      const absent = await users.preload({ id: 99, name: 'x' });
      return {
        built: view(built),
        classes: [built instanceof User, built.posts[0] instanceof Post, many.every((one) => one instanceof User), merged instanceof User, preloaded instanceof User],
        many: view(many),
        merged: view(merged),
        preloaded: view(preloaded),
        absent,
        rows: await tables(side, 'user'),
      };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.built).toEqual({ name: 'ada', posts: [{ title: 'Notes' }] });
    expect(result.relata.classes).toEqual([true, true, true, true, true]);
    expect(result.relata.merged).toEqual({ name: 'm', score: 3, bio: 'b', posts: [{ title: 'x' }] });
    expect(result.relata.preloaded).toEqual({ id: 1, name: 'Ada', score: 0, bio: 'math', createdAt: 'date', updatedAt: 'date', deletedAt: null });
    expect(result.relata.absent).toBeUndefined();
    // preload() writes nothing.
    expect(result.relata.rows['user']?.map((row) => row['name'])).toEqual(['ada']);
  });

  it('insert() inserts without cascades and answers identifiers and generatedMaps; the objects given get the generated values', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      const values = [{ name: 'ada' }, { name: 'bob', score: 4 }];
      const inserted = await users.insert(values);
      return { identifiers: inserted.identifiers, generated: view(inserted.generatedMaps), values: view(values), rows: await tables(side, 'user') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.identifiers).toEqual([{ id: 1 }, { id: 2 }]);
    expect(result.relata.generated).toEqual([
      { id: 1, score: 0, createdAt: 'date', updatedAt: 'date', deletedAt: null },
      { id: 2, score: 4, createdAt: 'date', updatedAt: 'date', deletedAt: null },
    ]);
    expect(result.relata.rows['user']?.map((row) => [row['id'], row['name'], row['score']])).toEqual([[1, 'ada', 0], [2, 'bob', 4]]);
  });

  it('insert() of 30 spread objects (PostgreSQL binds one array per column): identifiers, generatedMaps and the objects as TypeORM answers them', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      const base = Array.from({ length: 30 }, (_, i) => ({ name: `u${i}`, ...(i % 3 === 0 ? { score: i } : {}) }));
      const values = base.map((row) => ({ ...row, bio: `bio ${row.name}` }));
      const inserted = await users.insert(values);
      return { identifiers: inserted.identifiers, generated: view(inserted.generatedMaps), values: view(values), rows: await tables(side, 'user') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.identifiers).toEqual(Array.from({ length: 30 }, (_, i) => ({ id: i + 1 })));
    expect((result.relata.values as Record<string, unknown>[])[3]).toEqual({ name: 'u3', score: 3, bio: 'bio u3', id: 4, createdAt: 'date', updatedAt: 'date', deletedAt: null });
    expect(result.relata.rows['user']?.slice(0, 4).map((row) => [row['id'], row['name'], row['score'], row['bio']])).toEqual([[1, 'u0', 0, 'bio u0'], [2, 'u1', 0, 'bio u1'], [3, 'u2', 0, 'bio u2'], [4, 'u3', 3, 'bio u3']]);
  });

  it('update(criteria, values): by id, by id list, by conditions and by many-to-one; answers affected', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      const posts = side.dataSource.getRepository(Post);
      await users.save([{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }]);
      await posts.save([{ title: 'a', user: { id: 1 } }, { title: 'b', user: { id: 1 } }, { title: 'c', user: { id: 2 } }] as never);
      const affected = [
        (await users.update(1, { score: 10 })).affected,
        (await users.update([2, 3], { bio: 'x' })).affected,
        (await users.update({ name: 'cy' }, { name: 'cyd', score: 2 })).affected,
        (await posts.update({ user: { id: 1 } }, { title: 'ada’s' })).affected,
        (await posts.update({ title: 'c' }, { user: { id: 3 } } as never)).affected,
        (await users.update({ name: 'nobody' }, { score: 1 })).affected,
      ];
      return { affected, rows: await tables(side, 'user', 'post') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.affected).toEqual([1, 2, 1, 2, 1, 0]);
    expect(result.relata.rows['user']?.map((row) => [row['name'], row['score'], row['bio']])).toEqual([['ada', 10, null], ['bob', 0, 'x'], ['cyd', 2, 'x']]);
    expect(result.relata.rows['post']).toEqual([{ id: 1, title: 'ada’s', userId: 1 }, { id: 2, title: 'ada’s', userId: 1 }, { id: 3, title: 'c', userId: 3 }]);
  });

  it('delete(criteria) answers affected; remove(entities) deletes by key, junction rows with them, and leaves the entities without their id', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      const posts = side.dataSource.getRepository(Post);
      await users.save([{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }, { name: 'di' }]);
      const deleted = [(await users.delete(1)).affected, (await users.delete([2, 3, 42])).affected, (await users.delete({ name: 'nobody' })).affected];
      const post = await posts.save({ title: 'Notes', tags: [{ label: 'a' }, { label: 'b' }] });
      const removed = await posts.remove(post);
      return { deleted, removed: view(removed), same: removed === post, rows: await tables(side, 'user', 'post', 'tag', 'post_tags_tag') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.deleted).toEqual([1, 2, 0]);
    expect(result.relata.same).toBe(true);
    // Post.tags cascades (cascade: true holds 'remove'): the tags go too.
    expect(result.relata.removed).toEqual({ title: 'Notes', tags: [{ label: 'a' }, { label: 'b' }] });
    expect(result.relata.rows).toEqual({ user: [expect.objectContaining({ id: 4, name: 'di' })], post: [], tag: [], post_tags_tag: [] });
  });

  it('upsert(values, conflictPaths) inserts new rows and updates existing ones, by a unique column', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save([{ name: 'ada', score: 1 }, { name: 'bob', score: 1, bio: 'kept' }]);
      const upserted = await users.upsert([{ name: 'ada', score: 5 }, { name: 'cy', score: 2 }], ['name']);
      await users.upsert({ name: 'bob', score: 9 }, { conflictPaths: { name: true } });
      return { rows: await tables(side, 'user'), identifiers: upserted.identifiers };
    });
    expect(result.relata.rows).toEqual(result.typeorm.rows);
    // The updated row's key and the inserted row's key (TypeORM's differ by driver, see docs/differences.md).
    const cy = result.relata.rows['user']?.find((row) => row['name'] === 'cy')?.['id'];
    expect(result.relata.identifiers).toEqual([{ id: 1 }, { id: cy }]);
    expect(typeof cy).toBe('number');
    expect(result.relata.rows['user']?.map((row) => [row['name'], row['score'], row['bio']]).sort()).toEqual([['ada', 5, null], ['bob', 9, 'kept'], ['cy', 2, null]]);
  });

  it('increment/decrement(conditions, property, value) in one UPDATE; clear() empties the table', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save([{ name: 'ada', score: 1 }, { name: 'bob', score: 1 }]);
      const counts = [(await users.increment({ name: 'ada' }, 'score', 5)).affected, (await users.decrement({ id: 2 }, 'score', '3')).affected, (await users.increment({ bio: 'none' }, 'score', 1)).affected];
      const rows = await tables(side, 'user');
      const comments = side.dataSource.getRepository(side.entities.Comment);
      await comments.save([{ text: 'a' }, { text: 'b' }]);
      await comments.clear();
      return { counts, rows, after: await tables(side, 'comment') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.counts).toEqual([1, 1, 0]);
    expect(result.relata.rows['user']?.map((row) => row['score'])).toEqual([6, -2]);
    expect(result.relata.after).toEqual({ comment: [] });
  });

  it('clear() of a table other tables reference: relata deletes the rows (TypeORM’s TRUNCATE fails on PostgreSQL and MariaDB)', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save([{ name: 'ada' }, { name: 'bob' }]);
      const outcome = await users.clear().then(() => 'cleared', () => 'failed');
      return { outcome, rows: (await tables(side, 'user'))['user']?.length };
    });
    expect(result.relata).toEqual({ outcome: 'cleared', rows: 0 });
    expect(result.typeorm).toEqual(block.dialect === 'postgres' || block.dialect === 'mariadb' ? { outcome: 'failed', rows: 2 } : { outcome: 'cleared', rows: 0 });
  });

  it('an entity with a composite primary key: insert, update, upsert and delete by criteria', async () => {
    const result = await twin.both(async (side) => {
      const pairs = side.dataSource.getRepository(side.entities.Pair);
      const inserted = await pairs.insert([{ left: 1, right: 1, note: 'a' }, { left: 1, right: 2, note: 'b' }, { left: 2, right: 1, note: 'c' }]);
      const affected = [(await pairs.update({ left: 1, right: 2 }, { note: 'B' })).affected, (await pairs.delete({ left: 2, right: 1 })).affected];
      await pairs.upsert([{ left: 1, right: 1, note: 'A' }, { left: 3, right: 3, note: 'd' }], ['left', 'right']);
      return { identifiers: inserted.identifiers, affected, rows: await twin.rows(side, 'pair', 'left,right') };
    });
    expect(result.relata.rows).toEqual(result.typeorm.rows);
    expect(result.relata.affected).toEqual(result.typeorm.affected);
    expect(result.relata.identifiers).toEqual(result.typeorm.identifiers);
    expect(result.relata.identifiers).toEqual([{ left: 1, right: 1 }, { left: 1, right: 2 }, { left: 2, right: 1 }]);
    expect(result.relata.rows).toEqual([{ left: 1, right: 1, note: 'A' }, { left: 1, right: 2, note: 'B' }, { left: 3, right: 3, note: 'd' }]);
  });

  it('an entity with a composite primary key: save inserts or updates by both key columns, preload and remove find it by them', async () => {
    const result = await twin.both(async (side) => {
      const pairs = side.dataSource.getRepository(side.entities.Pair);
      const saved = await pairs.save([{ left: 1, right: 1, note: 'a' }, { left: 1, right: 2, note: 'b' }, { left: 2, right: 1, note: 'c' }]);
      // (1, 2) exists: updated; (2, 2) does not: inserted; (1, 1) unchanged: no statement.
      await pairs.save([{ left: 1, right: 2, note: 'B' }, { left: 2, right: 2, note: 'd' }, { left: 1, right: 1, note: 'a' }]);
      const preloaded = await pairs.preload({ left: 2, right: 1, note: 'C' });
      const absent = await pairs.preload({ left: 7, right: 7, note: 'x' });
      const removed = await pairs.remove([saved[0] as never, (await pairs.findOneByOrFail({ left: 2, right: 2 })) as never]);
      return {
        saved: view(saved),
        preloaded: view(preloaded),
        absent: absent ?? null,
        removed: view(removed),
        rows: await twin.rows(side, 'pair', 'left,right'),
      };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.rows).toEqual([{ left: 1, right: 2, note: 'B' }, { left: 2, right: 1, note: 'c' }]);
    expect(result.relata.preloaded).toEqual({ left: 2, right: 1, note: 'C' });
    expect(result.relata.absent).toBeNull();
    // TypeORM leaves removed entities without their key columns.
    expect(result.relata.removed).toEqual([{ note: 'a' }, { note: 'd' }]);
  });

  it('find operators in criteria: In, Not, IsNull, LessThan, MoreThanOrEqual, Like, Between (update, delete, softDelete)', async () => {
    const result = await twin.both(async (side) => {
      // relata/typeorm's own operators once exported; TypeORM's have the same shape (type and value).
      const L = (side.L as unknown as Partial<typeof TypeormLib>).In === undefined ? TypeormLib : (side.L as unknown as typeof TypeormLib);
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save([{ name: 'ada', score: 1 }, { name: 'bob', score: 5, bio: 'x' }, { name: 'cy', score: 9 }, { name: 'di', score: 12 }]);
      const affected = [
        (await users.update({ id: L.In([1, 2]) } as never, { score: 2 })).affected,
        (await users.update({ bio: L.IsNull() } as never, { bio: 'none' })).affected,
        (await users.update({ name: L.Not('ada'), score: L.LessThan(10) } as never, { bio: 'small' })).affected,
        (await users.softDelete({ score: L.MoreThanOrEqual(12) } as never)).affected,
        (await users.update({ name: L.Like('c%'), score: L.Between(1, 9) } as never, { score: 3 })).affected,
        (await users.delete({ id: L.Not(L.In([1, 2])) } as never)).affected,
      ];
      return { affected, rows: (await tables(side, 'user'))['user']?.map((row) => [row['name'], row['score'], row['bio']]) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ affected: [2, 3, 2, 1, 1, 2], rows: [['ada', 2, 'none'], ['bob', 2, 'small']] });
  });

  it('empty criteria are refused for delete, update, softDelete and restore, as in TypeORM; nothing is written', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save({ name: 'ada' });
      const refused = await Promise.all([users.delete({}), users.delete([]), users.update({}, { score: 1 }), users.softDelete({}), users.restore([])].map((p) => p.then(() => 'ran', () => 'refused')));
      return { refused, rows: await tables(side, 'user') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.refused).toEqual(['refused', 'refused', 'refused', 'refused', 'refused']);
  });

  it('errors: unknown properties in criteria and values name the entity and the valid properties; non-entities are refused before SQL', async () => {
    const { relata } = twin.sides;
    const users = relata.dataSource.getRepository(relata.entities.User);
    const posts = relata.dataSource.getRepository(relata.entities.Post);
    const count = async () => relata.dataSource.query(relata.dataSource.options.type === 'mariadb' ? 'SELECT count(*) AS n FROM `user`' : 'SELECT count(*) AS n FROM "user"').then((rows) => (rows as { n: unknown }[]).map((row) => Number(row.n)));
    await relata.dataSource.query(relata.dataSource.options.type === 'mariadb' ? 'DELETE FROM `post`' : 'DELETE FROM "post"');
    await relata.dataSource.query(relata.dataSource.options.type === 'mariadb' ? 'DELETE FROM `user`' : 'DELETE FROM "user"');
    const inValues = await errorOf(users.update({ name: 'ada' }, { nmae: 'x' } as never));
    expect(inValues).toBeInstanceOf(UnknownAttributeError);
    expect(inValues.message).toBe('User has no attribute "nmae" (in Repository<User>.update() values). Valid attributes: id, name, score, bio, createdAt, updatedAt, deletedAt, profile, posts');
    const inCriteria = await errorOf(users.delete({ nmae: 'x' } as never));
    expect(inCriteria).toBeInstanceOf(UnknownAttributeError);
    expect(inCriteria.message).toContain('(in Repository<User>.delete() criteria)');
    const empty = await errorOf(users.delete({}));
    expect(empty).toBeInstanceOf(InvalidOptionError);
    expect(empty.message).toContain('empty criteria are not allowed for delete; clear() deletes every row');
    const toMany = await errorOf(users.update(1, { posts: [] } as never));
    expect(toMany).toBeInstanceOf(UnsupportedError);
    expect(toMany.message).toContain('User.posts in Repository<User>.update() values');
    const operator = await errorOf(posts.delete({ title: { like: '%' } } as never));
    expect(operator).toBeInstanceOf(UnsupportedError);
    const plain = await errorOf((async () => relata.dataSource.manager.save({ name: 'ada' }))());
    expect(plain).toBeInstanceOf(InvalidOptionError);
    expect(plain.message).toContain('for plain objects pass the class first');
    const wrongClass = await errorOf(users.save(posts.create({ title: 'x' }) as never));
    expect(wrongClass).toBeInstanceOf(InvalidOptionError);
    expect(wrongClass.message).toContain('an instance of Post');
    const notObject = await errorOf(users.save(42 as never));
    expect(notObject).toBeInstanceOf(InvalidOptionError);
    const chunk = await errorOf(users.save([{ name: 'x' }], { chunk: 0 }));
    expect(chunk).toBeInstanceOf(InvalidOptionError);
    expect(chunk.message).toContain('Repository<User>.save(): chunk must be a positive integer');
    const conflict = await errorOf(users.upsert({ name: 'x' }, ['nmae'] as never));
    expect(conflict).toBeInstanceOf(InvalidOptionError);
    expect(conflict.message).toContain("conflictPaths must be a non-empty list of User's unique columns");
    const increment = await errorOf(users.increment({ id: 1 }, 'posts' as never, 1));
    expect(increment.message).toContain('Repository<User>.increment(): the property must be a numeric column of User');
    const softNoColumn = await errorOf(relata.dataSource.getRepository(relata.entities.Tag).softDelete(1));
    expect(softNoColumn.message).toContain('@DeleteDateColumn() (Tag has none)');
    expect(await count()).toEqual([0]);
  });
});

// The DataSource class is the one the entities were registered with (a smoke check of the import).
void DataSource;
