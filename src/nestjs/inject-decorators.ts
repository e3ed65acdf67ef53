import { Inject } from '@nestjs/common';
import { getConnectionToken, getModelToken } from './tokens.js';

/** What Nest's @Inject returns: a constructor-parameter or property decorator. */
export type InjectDecorator = PropertyDecorator & ParameterDecorator;

/**
 * Injects a registered model class (sequelize-typescript style or TypeORM entity).
 *
 * @example
 * @Injectable()
 * class UsersService {
 *   constructor(@InjectModel(User) private readonly users: typeof User) {}
 *   findAll() { return this.users.findAll({ include: ['posts'] }) }
 * }
 */
export function InjectModel(model: abstract new (...args: never[]) => unknown, connection?: string): InjectDecorator {
  return Inject(getModelToken(model, connection));
}

/**
 * Injects a connection (the default one, or a named one).
 *
 * @example
 * constructor(@InjectConnection() private readonly relata: Relata) {}
 * constructor(@InjectConnection('analytics') private readonly analytics: Relata) {}
 */
export function InjectConnection(connection?: string): InjectDecorator {
  return Inject(getConnectionToken(connection));
}
