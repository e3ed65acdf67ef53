import { DecoratorError, Relata, type Model } from '../index.js';
import { isRegisteredOn, pendingRelations } from '../decorators/pending-relations.js';
import type { RelataModuleOptions } from './module-options.js';
import { DEFAULT_CONNECTION_NAME } from './tokens.js';

const DEFAULT_RETRY_ATTEMPTS = 9;
const DEFAULT_RETRY_DELAY_MS = 3000;

function connectionName(options: RelataModuleOptions): string {
  return options.name ?? DEFAULT_CONNECTION_NAME;
}

/**
 * Registers `models` on `relata` unless they already are. A class registered on another
 * connection moves to this one, as with @nestjs/sequelize (the last registration wins: a test
 * that compiles a new testing module per test gets a new connection each time). With
 * `strict: true`, moving a class away from a connection that is still open is an error.
 * @internal
 */
export function registerModels(relata: Relata, models: readonly unknown[], connection: string): void {
  const missing = models.filter((model) => !isRegisteredOn(relata, model));
  if (relata.options.strict === true) {
    for (const model of missing) {
      const elsewhere = connectionOf(model);
      if (elsewhere !== undefined && elsewhere !== relata && !elsewhere.closed) throw DecoratorError.registeredElsewhere((model as { name: string }).name, connection);
    }
  }
  if (missing.length > 0) relata.addModels(missing);
}

function connectionOf(model: unknown): Relata | undefined {
  try {
    return (model as typeof Model).sequelize;
  } catch {
    return undefined;
  }
}

/** Relations still waiting for a target once every model of the connection is registered. @internal */
export function assertRelationsSettled(relata: Relata): void {
  const pending = pendingRelations(relata);
  if (pending.length > 0) throw DecoratorError.unregisteredTargets(pending);
}

/**
 * Creates a module's connection: the models it lists and (with autoLoadModels) those of every
 * forFeature() for it, then, with autoLoadModels, an authenticated connection and, unless
 * `synchronize: false`, the tables. Connecting is retried as @nestjs/sequelize does.
 * @internal
 */
export async function createConnection(options: RelataModuleOptions, featureModels: () => readonly unknown[]): Promise<Relata> {
  const { name: _name, uri, autoLoadModels, synchronize, sync, retryAttempts, retryDelay, models, ...relataOptions } = options;
  const relata = uri === undefined ? new Relata(relataOptions) : new Relata(uri, relataOptions);
  try {
    registerModels(relata, models ?? [], connectionName(options));
    if (!autoLoadModels) return relata;
    registerModels(relata, featureModels(), connectionName(options));
    assertRelationsSettled(relata);
    // The same instance retries: its pool recovers once the server answers.
    const attempts = Math.max(0, retryAttempts ?? DEFAULT_RETRY_ATTEMPTS);
    for (let attempt = 0; ; attempt++) {
      try {
        await relata.authenticate();
        break;
      } catch (error) {
        if (attempt >= attempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, retryDelay ?? DEFAULT_RETRY_DELAY_MS));
      }
    }
    if (synchronize !== false) await relata.sync(sync ?? {});
    return relata;
  } catch (error) {
    await relata.close().catch(() => undefined);
    throw error;
  }
}
