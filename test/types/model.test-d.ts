import { describe, expectTypeOf, it } from 'vitest';
import {
  DataTypes,
  Model,
  Op,
  Relata,
  type Attributes,
  type CreationAttributes,
  type CreationOptional,
  type InferAttributes,
  type InferCreationAttributes,
  type ModelStatic,
  type NonAttribute,
} from '../../src/index.js';

class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare email: string | null;
  declare projects?: NonAttribute<string[]>;
  greet(): string {
    return `hi ${this.name}`;
  }
}

describe('a Sequelize 6 typed model', () => {
  it('infers the attributes', () => {
    expectTypeOf<keyof Attributes<User>>().toEqualTypeOf<'id' | 'name' | 'email'>();
    expectTypeOf<Attributes<User>['email']>().toEqualTypeOf<string | null>();
  });
});
