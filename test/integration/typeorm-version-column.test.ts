/**
 * TypeORM's `@VersionColumn` on TypeORM and on relata/typeorm: 1 on insert, one more on every
 * save() that changes the row (written back into the entity) and on every update(); a save with
 * nothing changed leaves it.
 */
import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects.js';
import { typeormTwin, type TypeormApi } from '../support/typeorm-twin.js';

function define(L: TypeormApi) {
  @L.Entity('vc_doc')
  class Doc {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar', { length: 40 }) title!: string;
    @L.VersionColumn() version!: number;
  }
  @L.Entity('vc_note')
  class Note {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar', { length: 40 }) text!: string;
  }
  @L.Entity('vc_memo')
  class Memo {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar', { length: 40 }) text!: string;
    @L.UpdateDateColumn() updatedAt!: Date;
  }
  return { Doc, Note, Memo };
}

describeEachDialect('relata/typeorm: @VersionColumn', (block) => {
  const twin = typeormTwin(block, define);
  beforeEach(() => twin.clear());

  it('counts saves that change the row and updates, as TypeORM does', async () => {
    const result = await twin.both(async ({ dataSource, entities: { Doc } }) => {
      const docs = dataSource.getRepository(Doc);
      const doc = await docs.save(docs.create({ title: 'draft' }));
      const steps: Record<string, number> = { afterInsert: doc.version };
      await docs.save(doc);
      steps['unchangedSave'] = (await docs.findOneByOrFail({ id: doc.id })).version;
      doc.title = 'second';
      await docs.save(doc);
      steps['changedSaveEntity'] = doc.version;
      steps['changedSaveRow'] = (await docs.findOneByOrFail({ id: doc.id })).version;
      await docs.update({ id: doc.id }, { title: 'third' });
      steps['afterUpdate'] = (await docs.findOneByOrFail({ id: doc.id })).version;
      await docs.insert({ title: 'inserted' });
      steps['inserted'] = (await docs.findOneByOrFail({ title: 'inserted' })).version;
      return steps;
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ afterInsert: 1, unchangedSave: 1, changedSaveEntity: 2, changedSaveRow: 2, afterUpdate: 3, inserted: 1 });
  });

  it('findOne with an optimistic lock returns the entity at that version and refuses another', async () => {
    const result = await twin.both(async ({ dataSource, entities: { Doc, Note } }) => {
      const docs = dataSource.getRepository(Doc);
      const doc = await docs.save(docs.create({ title: 'draft' }));
      doc.title = 'second';
      await docs.save(doc);
      const current = await docs.findOne({ where: { id: doc.id }, lock: { mode: 'optimistic', version: 2 } });
      const outcome = (promise: Promise<unknown>) => promise.then(() => 'found', (error: Error) => `${error.name}: ${error.message}`);
      const stale = await outcome(docs.findOne({ where: { id: doc.id }, lock: { mode: 'optimistic', version: 1 } }));
      const many = await outcome(docs.find({ where: { id: doc.id }, lock: { mode: 'optimistic', version: 2 } }));
      const note = await dataSource.getRepository(Note).save({ text: 'n' });
      const noVersion = await outcome(dataSource.getRepository(Note).findOne({ where: { id: note.id }, lock: { mode: 'optimistic', version: 1 } }));
      return { current: current?.title, stale, many: many.split(':')[0], noVersion: noVersion === 'found' ? 'found' : 'refused' };
    });
    expect(result.relata.current).toBe(result.typeorm.current);
    expect(result.relata.stale).toBe(result.typeorm.stale);
    expect(result.relata).toEqual({
      current: 'second',
      stale: 'OptimisticLockVersionMismatchError: The optimistic lock on entity Doc failed, version 1 was expected, but is actually 2.',
      many: 'OptimisticLockCanNotBeUsedError',
      noVersion: 'refused',
    });
    expect(result.typeorm.many).toBe('OptimisticLockCanNotBeUsedError');
    expect(result.typeorm.noVersion).toBe('refused');
  });

  it('on relata, a Date checks the @UpdateDateColumn: the stored one finds the entity, another is a mismatch', async () => {
    const { dataSource, entities: { Memo } } = twin.sides.relata;
    const memos = dataSource.getRepository(Memo);
    const memo = await memos.save({ text: 'm' });
    const stored = (await memos.findOneByOrFail({ id: memo.id })).updatedAt;
    const found = await memos.findOne({ where: { id: memo.id }, lock: { mode: 'optimistic', version: stored } });
    expect(found?.text).toBe('m');
    const other = new Date(stored.getTime() - 60_000);
    await expect(memos.findOne({ where: { id: memo.id }, lock: { mode: 'optimistic', version: other } })).rejects.toMatchObject({
      name: 'OptimisticLockVersionMismatchError',
      message: `The optimistic lock on entity Memo failed, version ${String(other)} was expected, but is actually ${String(stored)}.`,
    });
  });
});
