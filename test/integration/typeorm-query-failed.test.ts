/**
 * Errors the database raises, caught the way TypeORM code catches them: `instanceof
 * QueryFailedError`, the driver's `code` (on the error and on `driverError`), the failed `query`
 * and its `parameters`. Run on TypeORM and relata/typeorm with the same entities and calls.
 */
import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { UniqueConstraintError } from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { typeormTwin, type TypeormApi } from '../support/typeorm-twin.js';

function define(L: TypeormApi) {
  @L.Entity('qf_team')
  class Team {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar', { length: 40, unique: true }) name!: string;
  }
  @L.Entity('qf_member')
  class Member {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('int') teamId!: number;
    @L.ManyToOne(() => Team) @L.JoinColumn({ name: 'teamId' }) team!: Team;
  }
  return { Team, Member };
}

const CODES = {
  sqlite: { unique: 'SQLITE_CONSTRAINT_UNIQUE', foreignKey: 'SQLITE_CONSTRAINT_FOREIGNKEY', syntax: 'SQLITE_ERROR' },
  'sqlite-file': { unique: 'SQLITE_CONSTRAINT_UNIQUE', foreignKey: 'SQLITE_CONSTRAINT_FOREIGNKEY', syntax: 'SQLITE_ERROR' },
  postgres: { unique: '23505', foreignKey: '23503', syntax: '42601' },
  mariadb: { unique: 'ER_DUP_ENTRY', foreignKey: 'ER_NO_REFERENCED_ROW_2', syntax: 'ER_PARSE_ERROR' },
} as const;

describeEachDialect('relata/typeorm: QueryFailedError', (block) => {
  const twin = typeormTwin(block, define);
  beforeEach(() => twin.clear());

  it('unique and foreign-key violations and bad SQL are QueryFailedErrors with the driver code, query and parameters', async () => {
    const result = await twin.both(async ({ dataSource, entities: { Team, Member }, L }) => {
      const describe = (error: unknown) => {
        const failed = error as { code?: unknown; driverError?: { code?: unknown }; query?: unknown; parameters?: unknown };
        const query = typeof failed.query === 'string' ? /^\s*(\w+)/.exec(failed.query)?.[1]?.toUpperCase() : failed.query;
        // TypeORM leaves `parameters` undefined for a query() given none; relata gives [].
        return { isQueryFailed: error instanceof L.QueryFailedError, code: failed.code, driverCode: failed.driverError?.code, query, parameters: query === 'INSERT' ? Array.isArray(failed.parameters) : 'n/a' };
      };
      await dataSource.getRepository(Team).save({ name: 'red' });
      const caught: unknown[] = [];
      await dataSource.getRepository(Team).insert({ name: 'red' }).catch((error: unknown) => caught.push(error));
      await dataSource.getRepository(Member).insert({ teamId: 999 }).catch((error: unknown) => caught.push(error));
      await dataSource.query('SELEC 1').catch((error: unknown) => caught.push(error));
      return caught.map(describe);
    });
    expect(result.relata).toEqual(result.typeorm);
    const codes = CODES[block.dialect];
    expect(result.relata).toEqual([
      { isQueryFailed: true, code: codes.unique, driverCode: codes.unique, query: 'INSERT', parameters: true },
      { isQueryFailed: true, code: codes.foreignKey, driverCode: codes.foreignKey, query: 'INSERT', parameters: true },
      { isQueryFailed: true, code: codes.syntax, driverCode: codes.syntax, query: 'SELEC', parameters: 'n/a' },
    ]);
  });

  it('on relata the error keeps its own class: a unique violation is a UniqueConstraintError too', async () => {
    const { dataSource, entities: { Team }, L } = twin.sides.relata;
    await dataSource.getRepository(Team).save({ name: 'blue' });
    const error = await dataSource.getRepository(Team).save({ name: 'blue' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UniqueConstraintError);
    expect(error).toBeInstanceOf(L.QueryFailedError);
    expect((error as UniqueConstraintError).code).toBe(CODES[block.dialect].unique);
    expect(new Error('plain')).not.toBeInstanceOf(L.QueryFailedError);
  });
});
