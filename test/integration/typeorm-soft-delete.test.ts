/**
 * Soft deletion with @DeleteDateColumn on relata/typeorm against TypeORM itself, on every dialect:
 * softDelete/restore by criteria, softRemove/recover of entities with the 'soft-remove' and
 * 'recover' cascades; the rows (plain SQL) and the returned objects compared.
 */
import 'reflect-metadata';
import { expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects.js';
import { writesTwin, type Side } from '../support/typeorm-writes-twin.js';
import { defineEntities, view, type ArticleShape, type Entities } from './typeorm-writes-entities.js';

type S = Side<Entities>;

describeEachDialect('typeorm soft delete, relata against typeorm', (block) => {
  const twin = writesTwin(block, defineEntities);
  const tables = async (side: S, ...names: string[]) => Object.fromEntries(await Promise.all(names.map(async (name) => [name, await twin.rows(side, name)] as const)));
  const deleted = (rows: Record<string, unknown>[] | undefined) => rows?.map((row) => [row['id'], row['deletedAt'] === null ? 'live' : 'deleted']);

  it('softDelete(criteria) sets the delete date on live rows only, restore(criteria) clears it on deleted rows only; affected counts them', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save([{ name: 'ada' }, { name: 'bob' }, { name: 'cy' }]);
      const affected = [
        (await users.softDelete(1)).affected,
        (await users.softDelete([1, 2])).affected,
        (await users.softDelete({ name: 'cy' })).affected,
      ];
      const afterDelete = deleted((await tables(side, 'user'))['user']);
      const restored = [(await users.restore({ name: 'ada' })).affected, (await users.restore([1, 2])).affected];
      return { affected, afterDelete, restored, after: deleted((await tables(side, 'user'))['user']) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({
      affected: [1, 1, 1],
      afterDelete: [[1, 'deleted'], [2, 'deleted'], [3, 'deleted']],
      restored: [1, 1],
      after: [[1, 'live'], [2, 'live'], [3, 'deleted']],
    });
  });

  it('softRemove(entity) cascades to the comments it holds (cascade soft-remove) and returns the entities with their delete dates; recover() undoes it', async () => {
    const result = await twin.both(async (side) => {
      const articles = side.dataSource.getRepository(side.entities.Article);
      const article = await articles.save({ title: 'a', comments: [{ text: 'c1' }, { text: 'c2' }] });
      await articles.save({ title: 'other', comments: [{ text: 'c3' }] });
      const removed = await articles.softRemove(article);
      const afterRemove = await tables(side, 'article', 'comment');
      const viewRemoved = view(removed);
      const recovered = await articles.recover(article as ArticleShape);
      return { same: removed === article && recovered === article, viewRemoved, afterRemove: { article: deleted(afterRemove['article']), comment: deleted(afterRemove['comment']) }, recovered: view(recovered), after: deleted((await tables(side, 'comment'))['comment']) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.same).toBe(true);
    expect(result.relata.viewRemoved).toEqual({ id: 1, title: 'a', deletedAt: 'date', comments: [{ id: 1, text: 'c1', deletedAt: 'date' }, { id: 2, text: 'c2', deletedAt: 'date' }] });
    expect(result.relata.afterRemove).toEqual({ article: [[1, 'deleted'], [2, 'live']], comment: [[1, 'deleted'], [2, 'deleted'], [3, 'live']] });
    expect(result.relata.recovered).toEqual({ id: 1, title: 'a', deletedAt: null, comments: [{ id: 1, text: 'c1', deletedAt: null }, { id: 2, text: 'c2', deletedAt: null }] });
    expect(result.relata.after).toEqual([[1, 'live'], [2, 'live'], [3, 'live']]);
  });

  it('softRemove of a user (whose posts cascade with cascade: true) sets the update date too; posts have no delete date, so only the user is written', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      const ada = await users.save({ name: 'ada' });
      const removed = await users.softRemove({ id: ada.id } as never);
      return { removed: view(removed), rows: deleted((await tables(side, 'user'))['user']) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ removed: { id: 1, bio: null, updatedAt: 'date', deletedAt: 'date' }, rows: [[1, 'deleted']] });
  });

  it('softRemove of a user holding posts (cascade: true, but posts have no delete date) is refused and writes nothing, as in TypeORM', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      const ada = await users.save({ name: 'ada', posts: [{ title: 'p1' }] });
      const outcome = await users.softRemove(ada).then(() => 'removed', (error: unknown) => (error as Error).constructor.name);
      return { outcome: outcome === 'removed' ? outcome : 'failed', rows: deleted((await tables(side, 'user'))['user']), posts: (await tables(side, 'post'))['post']?.length };
    });
    expect(result.relata).toEqual(result.typeorm);
    // Both refuse (Post has no @DeleteDateColumn) and nothing is written: the user stays live.
    expect(result.relata).toEqual({ outcome: 'failed', rows: [[1, 'live']], posts: 1 });
  });

  it('remove() of an article whose comments do not cascade remove fails on the foreign key and leaves every row (one transaction)', async () => {
    const result = await twin.both(async (side) => {
      const articles = side.dataSource.getRepository(side.entities.Article);
      const article = await articles.save({ title: 'a', comments: [{ text: 'c1' }] });
      const outcome = await articles.remove(article).then(() => 'removed', () => 'failed');
      return { outcome, id: article.id, rows: await tables(side, 'article', 'comment') };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ outcome: 'failed', id: 1, rows: { article: [{ id: 1, title: 'a', deletedAt: null }], comment: [{ id: 1, text: 'c1', deletedAt: null, articleId: 1 }] } });
  });

  it('save() of a soft-deleted row by id updates it (the row is found with the deleted ones) instead of inserting', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save({ name: 'ada' });
      await users.softDelete(1);
      await users.save({ id: 1, name: 'Ada' });
      return (await tables(side, 'user'))['user']?.map((row) => [row['id'], row['name'], row['deletedAt'] === null ? 'live' : 'deleted']);
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual([[1, 'Ada', 'deleted']]);
  });

  it('update, increment and delete reach soft-deleted rows too, as TypeORM’s do', async () => {
    const result = await twin.both(async (side) => {
      const users = side.dataSource.getRepository(side.entities.User);
      await users.save([{ name: 'ada' }, { name: 'bob' }]);
      await users.softDelete({ name: 'ada' });
      const affected = [(await users.update({ name: 'ada' }, { bio: 'gone' })).affected, (await users.increment({ name: 'ada' }, 'score', 2)).affected];
      const rows = (await tables(side, 'user'))['user']?.map((row) => [row['name'], row['bio'], row['score'], row['deletedAt'] === null ? 'live' : 'deleted']);
      const deletedCount = (await users.delete({ name: 'ada' })).affected;
      return { affected, rows, deletedCount, left: (await tables(side, 'user'))['user']?.map((row) => row['name']) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ affected: [1, 1], rows: [['ada', 'gone', 2, 'deleted'], ['bob', null, 0, 'live']], deletedCount: 1, left: ['bob'] });
  });

  it('Model.increment reaches soft-deleted rows of a paranoid model, as sequelize@6’s does (regression: it skipped them)', async () => {
    const { relata } = twin.sides;
    const users = relata.dataSource.getRepository(relata.entities.User);
    await users.clear();
    const ada = await users.save({ name: 'ada-incr' });
    await users.softDelete(ada.id);
    const model = relata.entities.User as unknown as { increment(field: string, options: { where: object }): Promise<[[unknown, number]]> };
    const [[, affected]] = await model.increment('score', { where: { id: ada.id } });
    expect(affected).toBe(1);
    const rows = await twin.rows(relata, 'user');
    expect(rows.map((row) => [row['name'], row['score'], row['deletedAt'] === null ? 'live' : 'deleted'])).toEqual([['ada-incr', 1, 'deleted']]);
  });
});
