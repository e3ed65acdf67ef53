// relata with `includeStrategy: 'json'`: to-many includes load as a JSON aggregate wherever the dialect has one (SQLite, PostgreSQL), whatever the
// dialect's default. Beside `relata` (the default choice) it shows what the other strategy costs.
import { create as createRelata } from './relata.mjs';

export const name = 'relata-json';

export function create(cfg) {
  return createRelata(cfg, undefined, { includeStrategy: 'json' });
}
