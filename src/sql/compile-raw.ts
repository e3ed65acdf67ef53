import { CompiledQuery } from 'kysely';
import type { Relata, RawQueryOptions } from '../relata.js';
import { prepareRawQuery } from './raw-query.js';

/**
 * Raw SQL from `relata.query()` with its replacements or bind values turned into parameters.
 * @internal
 */
export function compileRawQuery(relata: Relata, text: string, options: RawQueryOptions): CompiledQuery {
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
