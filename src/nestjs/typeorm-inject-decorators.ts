import { Inject } from '@nestjs/common';
import type { InjectDecorator } from './inject-decorators.js';
import { DEFAULT_DATA_SOURCE_NAME, getDataSourceToken, getEntityManagerToken, getRepositoryToken, type DataSourceReference, type EntityClass } from './typeorm-tokens.js';

/**
 * Injects the `Repository<Entity>` that `TypeOrmModule.forFeature([Entity])` provides.
 *
 * @example
 * @Injectable()
 * class UsersService {
 *   constructor(@InjectRepository(User) private readonly users: Repository<User>) {}
 *   findAll() { return this.users.find({ relations: { posts: true } }) }
 * }
 */
export function InjectRepository(entity: EntityClass, dataSource: DataSourceReference = DEFAULT_DATA_SOURCE_NAME): InjectDecorator {
  return Inject(getRepositoryToken(entity, dataSource));
}

/**
 * Injects a data source (the default one, or a named one).
 *
 * @example
 * constructor(@InjectDataSource() private readonly dataSource: DataSource) {}
 * constructor(@InjectDataSource('analytics') private readonly analytics: DataSource) {}
 */
export function InjectDataSource(dataSource?: DataSourceReference): InjectDecorator {
  return Inject(getDataSourceToken(dataSource));
}

/**
 * Injects a data source's EntityManager (the default one, or a named one's).
 *
 * @example
 * constructor(@InjectEntityManager() private readonly manager: EntityManager) {}
 */
export function InjectEntityManager(dataSource?: DataSourceReference): InjectDecorator {
  return Inject(getEntityManagerToken(dataSource));
}
