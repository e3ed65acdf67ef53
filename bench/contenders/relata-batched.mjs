// relata with `includeStrategy: 'batched'`: to-many includes load as one batched query per level on every dialect, whatever the
// dialect's default. Beside `relata` (the default choice) it shows what the other strategy costs.
import { create as createRelata } from './relata.mjs';

export const name = 'relata-batched';

export function create(cfg) {
  return createRelata(cfg, undefined, { includeStrategy: 'batched' });
}
