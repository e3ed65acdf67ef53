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

// @nestjs/typeorm's API over relata/typeorm: `import { TypeOrmModule, InjectRepository } from 'relata/nestjs'`.
export { TypeOrmModule } from './typeorm-module.js';
export { InjectRepository, InjectDataSource, InjectEntityManager } from './typeorm-inject-decorators.js';
export { getRepositoryToken, getDataSourceToken, getEntityManagerToken, DEFAULT_DATA_SOURCE_NAME } from './typeorm-tokens.js';
export type { DataSourceReference, EntityClass } from './typeorm-tokens.js';
export type { TypeOrmModuleOptions, TypeOrmModuleAsyncOptions, TypeOrmOptionsFactory, TypeOrmDataSourceFactory } from './typeorm-module-options.js';
