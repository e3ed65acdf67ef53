import { CompiledQuery } from 'kysely';
import type { RawQueryValues } from './raw-query.js';
import type { SqlSession } from './session.js';
import { prepareRawQuery } from './raw-query.js';

/**
 * Raw SQL from `relata.query()` with its replacements or bind values turned into parameters.
 * @internal
 */
export function compileRawQuery(relata: SqlSession, text: string, options: RawQueryValues): CompiledQuery {
  const adapter = relata.adapter;
  const prepared = prepareRawQuery(
    text,
    {
      ...(options.replacements === undefined ? {} : { replacements: options.replacements }),
      ...(options.bind === undefined ? {} : { bind: options.bind }),
    },
    (i) => adapter.placeholder(i),
  );
  return CompiledQuery.raw(prepared.sql, prepared.parameters);
}
