// relata/nestjs: the NestJS module. Everything from the core comes through '../index.js', which
// the package build maps to 'relata' itself, so this entry never carries a second copy of it.
import { RelataModule } from './relata-module.js';

export { RelataModule };
export { InjectModel, InjectConnection } from './inject-decorators.js';
export type { InjectDecorator } from './inject-decorators.js';
export { getModelToken, getConnectionToken, DEFAULT_CONNECTION_NAME } from './tokens.js';
export type { RelataModuleOptions, RelataModuleAsyncOptions, RelataOptionsFactory } from './module-options.js';

/** `@nestjs/sequelize`'s name for RelataModule: `SequelizeModule.forRoot({ … })`. */
export const SequelizeModule = RelataModule;
