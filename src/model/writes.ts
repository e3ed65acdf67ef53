/**
 * The model's writes, by what changes together: one instance (instance-writes.ts), many rows
 * (bulk-insert.ts, bulk-writes.ts), their shared statements (write-statements.ts) and unique
 * violations (unique-violation.ts). Model and the finders call them through this module.
 */
export { bulkCreate } from './bulk-insert.js';
export { bulkDestroy, bulkRestore, bulkUpdate, increment, truncate, upsert } from './bulk-writes.js';
export { create, destroyInstance, incrementInstance, restoreInstance, save } from './instance-writes.js';
export { validateInstance } from './validation.js';
export { atomically, columnValues } from './write-statements.js';
