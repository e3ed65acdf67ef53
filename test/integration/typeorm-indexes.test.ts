/**
 * TypeORM's `@Index`, `@Unique` and `@Generated` on TypeORM and on relata/typeorm, both
 * synchronizing the same entities: the indexes in the catalog (columns and uniqueness; names where
 * the entity gives one), the writes a unique index refuses, and generated UUIDs. Then relata's
 * clear errors for what it does not build (partial indexes, a non-key auto-increment, an unknown
 * column).
 */
import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { DecoratorError } from '../../src/index.js';
import * as RelataTypeorm from '../../src/typeorm/index.js';
import type { TestDialect } from '../support/dialects.js';
import { describeEachDialect } from '../support/dialects.js';
import { typeormTwin, type TwinSide, type TypeormApi } from '../support/typeorm-twin.js';

function define(L: TypeormApi) {
  @L.Entity('ix_team')
  class Team {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar', { length: 40 }) name!: string;
  }
  @L.Entity('ix_account')
  @L.Index(['firstName', 'lastName'])
  @L.Unique(['email'])
  @L.Unique('uq_ix_account_handle', (account: Account) => [account.handle, account.realm])
  @L.Index('ix_account_team_score', ['team', 'score'])
  class Account {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar', { length: 40 }) firstName!: string;
    @L.Column('varchar', { length: 40 }) lastName!: string;
    @L.Column('varchar', { length: 80 }) email!: string;
    @L.Column('varchar', { length: 40 }) handle!: string;
    @L.Column('varchar', { length: 40 }) realm!: string;
    @L.Index() @L.Column('int') score!: number;
    @L.Index({ unique: true }) @L.Column('varchar', { length: 40 }) badge!: string;
    @L.Column('uuid') @L.Generated('uuid') publicId!: string;
    @L.ManyToOne(() => Team, { nullable: true }) team!: Team | null;
  }
  return { Team, Account };
}

interface IndexRow {
  name: string;
  columns: string;
  unique: boolean;
}

/** The table's indexes from the catalog, primary key and foreign-key-only indexes left out, sorted by columns. */
async function indexesOf(side: TwinSide<ReturnType<typeof define>>, dialect: TestDialect, table: string): Promise<IndexRow[]> {
  const ds = side.dataSource;
  let rows: IndexRow[];
  if (dialect === 'sqlite' || dialect === 'sqlite-file') {
    const list = await ds.query<{ name: string; unique: number; origin: string }[]>(`SELECT name, "unique", origin FROM pragma_index_list('${table}')`);
    rows = [];
    for (const index of list.filter((one) => one.origin !== 'pk')) {
      const columns = await ds.query<{ name: string }[]>(`SELECT name FROM pragma_index_info('${index.name}') ORDER BY seqno`);
      rows.push({ name: index.name, columns: columns.map((c) => c.name).join(','), unique: Number(index.unique) === 1 });
    }
  } else if (dialect === 'postgres') {
    rows = await ds.query<IndexRow[]>(
      `SELECT i.relname AS name, ix.indisunique AS unique,
              array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, n) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.n), ',') AS columns
         FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE t.relname = $1 AND n.nspname = $2 AND NOT ix.indisprimary`,
      [table, side.namespace],
    );
  } else {
    const found = await ds.query<{ name: string; columns: string; nonUnique: number }[]>(
      `SELECT INDEX_NAME AS name, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS columns, MAX(NON_UNIQUE) AS nonUnique
         FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND INDEX_NAME <> 'PRIMARY' GROUP BY INDEX_NAME`,
      [table],
    );
    rows = found.map((one) => ({ name: one.name, columns: one.columns, unique: Number(one.nonUnique) === 0 }));
  }
  // MariaDB indexes every foreign key on its own; TypeORM and relata name those differently.
  return rows
    .filter((row) => !(row.columns === 'teamId' && !row.unique))
    .map((row) => ({ ...row, unique: Boolean(row.unique) }))
    .sort((a, b) => a.columns.localeCompare(b.columns));
}

describeEachDialect('relata/typeorm: @Index, @Unique and @Generated', (block) => {
  const twin = typeormTwin(block, define);
  beforeEach(() => twin.clear());

  it('synchronize creates the same indexes: columns (a many-to-one by its join column) and uniqueness, and the names given', async () => {
    const typeorm = await indexesOf(twin.sides.typeorm, block.dialect, 'ix_account');
    const relata = await indexesOf(twin.sides.relata, block.dialect, 'ix_account');
    const shape = (rows: IndexRow[]) => rows.map(({ columns, unique }) => ({ columns, unique }));
    expect(shape(relata)).toEqual(shape(typeorm));
    expect(shape(relata)).toEqual([
      { columns: 'badge', unique: true },
      { columns: 'email', unique: true },
      { columns: 'firstName,lastName', unique: false },
      { columns: 'handle,realm', unique: true },
      { columns: 'score', unique: false },
      { columns: 'teamId,score', unique: false },
    ]);
    if (block.dialect === 'postgres' || block.dialect === 'mariadb') {
      // SQLite names a table's UNIQUE constraint itself (sqlite_autoindex_…) on TypeORM's side.
      for (const rows of [typeorm, relata]) {
        expect(rows.find((row) => row.columns === 'handle,realm')?.name).toBe('uq_ix_account_handle');
        expect(rows.find((row) => row.columns === 'teamId,score')?.name).toBe('ix_account_team_score');
      }
    }
  });

  it('a unique index refuses a duplicate; a plain index does not; @Generated("uuid") fills a v4 UUID', async () => {
    const result = await twin.both(async ({ dataSource, entities: { Account } }) => {
      const accounts = dataSource.getRepository(Account);
      const base = { firstName: 'Ada', lastName: 'L', score: 1, team: null };
      await accounts.save({ ...base, email: 'a@x', handle: 'ada', realm: 'one', badge: 'b1' });
      const attempt = async (values: Record<string, unknown>): Promise<string> => {
        try {
          await accounts.save({ ...base, ...values });
          return 'saved';
        } catch {
          return 'refused';
        }
      };
      const outcomes = {
        sameNames: await attempt({ email: 'b@x', handle: 'bob', realm: 'one', badge: 'b2' }),
        sameEmail: await attempt({ email: 'a@x', handle: 'cy', realm: 'one', badge: 'b3' }),
        sameHandleOtherRealm: await attempt({ email: 'c@x', handle: 'ada', realm: 'two', badge: 'b4' }),
        sameHandleAndRealm: await attempt({ email: 'd@x', handle: 'ada', realm: 'one', badge: 'b5' }),
        sameBadge: await attempt({ email: 'e@x', handle: 'dee', realm: 'one', badge: 'b1' }),
      };
      const rows = await accounts.find({ order: { id: 'ASC' } });
      return { outcomes, emails: rows.map((row) => row.email), ids: rows.map((row) => row.publicId) };
    });
    expect(result.relata.outcomes).toEqual(result.typeorm.outcomes);
    expect(result.relata.outcomes).toEqual({ sameNames: 'saved', sameEmail: 'refused', sameHandleOtherRealm: 'saved', sameHandleAndRealm: 'refused', sameBadge: 'refused' });
    expect(result.relata.emails).toEqual(result.typeorm.emails);
    for (const side of [result.typeorm, result.relata]) {
      expect(side.ids).toHaveLength(3);
      for (const id of side.ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(side.ids).size).toBe(3);
    }
  });
});

describeEachDialect('relata/typeorm: indexes relata does not build are refused', (block) => {
  it('a partial or full-text index is a DecoratorError naming the entity and what to do instead', () => {
    const partial = () => {
      @RelataTypeorm.Entity('ix_partial')
      class Partial {
        @RelataTypeorm.PrimaryGeneratedColumn() id!: number;
        @RelataTypeorm.Index({ unique: true, where: '"deletedAt" IS NULL' }) @RelataTypeorm.Column('varchar') email!: string;
      }
      return Partial;
    };
    expect(partial).toThrow(DecoratorError);
    expect(partial).toThrow(/@Index on Partial\.email: where: "\\"deletedAt\\" IS NULL" \(a partial index\) is not supported; declare the index in a migration/);
    const fulltext = () => {
      @RelataTypeorm.Entity('ix_fulltext')
      @RelataTypeorm.Index(['body'], { fulltext: true })
      class FullText {
        @RelataTypeorm.PrimaryGeneratedColumn() id!: number;
        @RelataTypeorm.Column('text') body!: string;
      }
      return FullText;
    };
    expect(fulltext).toThrow(/@Index on FullText: fulltext: true is not supported/);
    const spatial = () => {
      @RelataTypeorm.Entity('ix_spatial')
      class Place {
        @RelataTypeorm.PrimaryGeneratedColumn() id!: number;
        @RelataTypeorm.Index({ spatial: true }) @RelataTypeorm.Column('text') area!: string;
      }
      return Place;
    };
    expect(spatial).toThrow(/@Index on Place\.area: spatial: true is not supported/);
  });

  it('an index on a property that is no column, and @Generated("increment") off the key, fail at registration', async () => {
    const relata = await block.connect();
    @RelataTypeorm.Entity('ix_unknown')
    @RelataTypeorm.Index(['nmae'])
    class Unknown {
      @RelataTypeorm.PrimaryGeneratedColumn() id!: number;
      @RelataTypeorm.Column('varchar') name!: string;
    }
    expect(() => relata.addModels([Unknown])).toThrow(DecoratorError);
    expect(() => relata.addModels([Unknown])).toThrow('Unknown.nmae (@Index): nmae is not a column of Unknown (columns: id, name; or a many-to-one relation)');
    @RelataTypeorm.Entity('ix_counter')
    class Counter {
      @RelataTypeorm.PrimaryGeneratedColumn() id!: number;
      @RelataTypeorm.Column('int') @RelataTypeorm.Generated('increment') serial!: number;
    }
    expect(() => relata.addModels([Counter])).toThrow(/Counter\.serial \(@Generated\('increment'\)\): relata auto-increments the primary key only/);
  });
});
