/**
 * TypeORM 1's `updateAll()` and `deleteAll()` (update() and delete() refuse empty criteria), on the
 * repository and the manager, on TypeORM and relata/typeorm with the rows compared.
 */
import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects.js';
import { typeormTwin, type TypeormApi } from '../support/typeorm-twin.js';

function define(L: TypeormApi) {
  @L.Entity('ua_task')
  class Task {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar', { length: 20 }) title!: string;
    @L.Column('boolean') done!: boolean;
    @L.VersionColumn() version!: number;
  }
  return { Task };
}

describeEachDialect('relata/typeorm: updateAll and deleteAll', (block) => {
  const twin = typeormTwin(block, define);
  beforeEach(() => twin.clear());

  it('update every row (counting the version up) and delete every row, with the counts', async () => {
    const result = await twin.both(async ({ dataSource, entities: { Task } }) => {
      const tasks = dataSource.getRepository(Task);
      await tasks.save([{ title: 'a', done: false }, { title: 'b', done: false }, { title: 'c', done: true }]);
      const updated = await tasks.updateAll({ done: true });
      const rows = (await tasks.find({ order: { id: 'ASC' } })).map((task) => ({ title: task.title, done: task.done, version: task.version }));
      const emptyCriteria = await tasks.update({}, { done: false }).then(() => 'updated', () => 'refused');
      const deleted = await dataSource.manager.deleteAll(Task);
      return { affected: [updated.affected, deleted.affected], rows, emptyCriteria, left: await tasks.count() };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({
      affected: [3, 3],
      rows: [{ title: 'a', done: true, version: 2 }, { title: 'b', done: true, version: 2 }, { title: 'c', done: true, version: 2 }],
      emptyCriteria: 'refused',
      left: 0,
    });
  });
});
