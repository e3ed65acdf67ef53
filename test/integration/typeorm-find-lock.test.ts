/**
 * `find({ lock })` against TypeORM: row locks inside a transaction on PostgreSQL and MariaDB
 * (a second transaction skipping the locked rows proves the lock is held), refused outside a
 * transaction and on SQLite, as TypeORM refuses them.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';
import { typeormTwin, type TwinSide, type TypeormApi } from '../support/typeorm-twin.js';

function entities(L: TypeormApi) {
  const { Entity, PrimaryColumn, Column } = L;
  @Entity()
  class Account {
    @PrimaryColumn('int') id!: number;
    @Column('varchar', { length: 20 }) owner!: string;
  }
  return { Account };
}
type Side = TwinSide<ReturnType<typeof entities>>;

/** Whether the dialect has row locks (TypeORM and relata refuse them on SQLite). */
const ROW_LOCKS: Record<TestDialect, boolean> = { sqlite: false, 'sqlite-file': false, postgres: true, mariadb: true };
/** Whether shared row locks exist there (FOR SHARE on PostgreSQL, LOCK IN SHARE MODE on MariaDB). */
const SHARED_LOCKS: Record<TestDialect, boolean> = { sqlite: false, 'sqlite-file': false, postgres: true, mariadb: true };

async function seed(side: Side): Promise<void> {
  const type = side.dataSource.options.type;
  const table = type === 'postgres' ? `"${side.namespace}"."account"` : type === 'mariadb' ? '`account`' : '"account"';
  const marks = type === 'postgres' ? '($1, $2), ($3, $4), ($5, $6)' : '(?, ?), (?, ?), (?, ?)';
  await side.dataSource.query(`INSERT INTO ${table} (id, owner) VALUES ${marks}`, [1, 'ada', 2, 'bob', 3, 'cy']);
}

describeEachDialect('typeorm find lock: relata/typeorm against typeorm', (block) => {
  const twin = typeormTwin(block, entities);
  beforeAll(async () => {
    await seed(twin.sides.typeorm);
    await seed(twin.sides.relata);
  });

  it('a pessimistic lock needs a transaction', async () => {
    const results = await twin.both(async ({ dataSource, entities: { Account } }) => {
      try {
        await dataSource.getRepository(Account).find({ lock: { mode: 'pessimistic_write' } });
        return 'ran';
      } catch {
        return 'refused';
      }
    });
    expect(results).toEqual({ typeorm: 'refused', relata: 'refused' });
    const { dataSource, entities: { Account } } = twin.sides.relata;
    await expect(dataSource.getRepository(Account).find({ lock: { mode: 'pessimistic_write' } })).rejects.toThrow(
      'Repository<Account>.find(): lock { mode: "pessimistic_write" } needs an open transaction: run the find inside dataSource.transaction(async (manager) => …)',
    );
  });

  it.runIf(!ROW_LOCKS[block.dialect])('SQLite: locks are refused inside a transaction too, as TypeORM refuses them', async () => {
    const results = await twin.both(async ({ dataSource, entities: { Account } }) => {
      try {
        await dataSource.transaction((manager) => manager.find(Account, { lock: { mode: 'pessimistic_read' } }));
        return 'ran';
      } catch (error) {
        return (error as Error).message.includes('not supported') || (error as Error).message.includes('no row locks') ? 'refused' : (error as Error).message;
      }
    });
    expect(results).toEqual({ typeorm: 'refused', relata: 'refused' });
  });

  it.runIf(ROW_LOCKS[block.dialect]).each(['pessimistic_write', 'pessimistic_read'] as const)('%s holds the rows: a second transaction skipping locked rows sees the others', async (mode) => {
    const results = await twin.both(async ({ dataSource, entities: { Account } }) => {
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = dataSource.transaction(async (manager) => {
        const rows = await manager.find(Account, { where: { id: 1 }, lock: { mode } });
        locked();
        await released;
        return rows.map((row) => row.owner);
      });
      await isLocked;
      try {
        const others = await dataSource.transaction((manager) =>
          manager.find(Account, { lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' }, order: { id: 'ASC' } }),
        );
        return { held: await (release(), holder), others: others.map((row) => row.owner) };
      } finally {
        release();
        await holder.catch(() => undefined);
      }
    });
    expect(results.relata).toEqual({ held: ['ada'], others: ['bob', 'cy'] });
    expect(results.relata).toEqual(results.typeorm);
  });

  it.runIf(SHARED_LOCKS[block.dialect])('pessimistic_read shares: two readers lock the same row', async () => {
    const results = await twin.both(async ({ dataSource, entities: { Account } }) =>
      dataSource.transaction(async (manager) => {
        const first = await manager.find(Account, { where: { id: 2 }, lock: { mode: 'pessimistic_read' } });
        const second = await dataSource.transaction((other) => other.find(Account, { where: { id: 2 }, lock: { mode: 'pessimistic_read' } }));
        return [...first, ...second].map((row) => row.owner);
      }),
    );
    expect(results.relata).toEqual(['bob', 'bob']);
    expect(results.relata).toEqual(results.typeorm);
  });

  describe('modes relata refuses', () => {
    it('onLocked "nowait" is an UnsupportedError; an optimistic lock on find() (not findOne) is refused as TypeORM refuses it', async () => {
      const { dataSource, entities: { Account } } = twin.sides.relata;
      await expect(dataSource.transaction((m) => m.find(Account, { lock: { mode: 'optimistic', version: 1 } }))).rejects.toMatchObject({ name: 'OptimisticLockCanNotBeUsedError' });
      if (ROW_LOCKS[block.dialect]) {
        await expect(dataSource.transaction((m) => m.find(Account, { lock: { mode: 'pessimistic_write', onLocked: 'nowait' } }))).rejects.toThrow(/not NOWAIT/);
      }
    });
  });
});
