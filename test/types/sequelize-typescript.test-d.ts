/**
 * sequelize-typescript's names type-check on relata: DataType as a value and a type, the
 * validation and index decorators on fields, the `$`-methods' results, ModelCtor without an
 * argument, SequelizeOptions with model paths and modelMatch, getRepository.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  BelongsTo, Column, createIndexDecorator, DataType, ForeignKey, HasMany, Index, IsEmail, IsIn, Length, Model, NotEmpty, PrimaryKey, Relata, Table,
  Validator,
  type ModelCtor, type SequelizeOptions,
} from '../../src/index.js';

const NameTeam = createIndexDecorator({ name: 'name_team', unique: true });

@Table
class Team extends Model {
  @PrimaryKey @Column id!: number;
  @Index @Length({ min: 2, max: 20 }) @Column(DataType.STRING(20)) name!: string;
  @HasMany(() => Player) players!: Player[];
}

@Table
class Player extends Model {
  @IsEmail @NotEmpty({ msg: 'required' }) @Column email!: string;
  @IsIn([['a', 'b']]) @Index({ name: 'grade', order: 'DESC' }) @Column({ type: DataType.STRING, allowNull: false }) grade!: string;
  @NameTeam @ForeignKey(() => Team) @Column teamId!: number;
  @BelongsTo(() => Team) team!: Team | null;

  @Validator checkGrade(): void {
    void this.grade;
  }
}

describe('sequelize-typescript names', () => {
  it('DataType is DataTypes, usable as a type', () => {
    expectTypeOf(DataType.UUID).not.toBeAny();
    const type: DataType = DataType.TEXT;
    void type;
  });

  it('$get answers the property type: an array, or the row or null', () => {
    const team = new Team();
    const player = new Player();
    expectTypeOf(team.$get('players')).resolves.toEqualTypeOf<Player[]>();
    expectTypeOf(player.$get('team')).resolves.toEqualTypeOf<Team | null>();
    expectTypeOf(team.$count('players')).resolves.toBeNumber();
    expectTypeOf(team.$has('players', [1, 2])).resolves.toBeBoolean();
    expectTypeOf(team.$create<Player>('player', { email: 'a@b.c' })).resolves.toEqualTypeOf<Player>();
    // @ts-expect-error: $get names a property of the model
    void team.$get('nope');
  });

  it('ModelCtor without an argument, SequelizeOptions with paths, getRepository', () => {
    const models: ModelCtor[] = [Team, Player];
    const options: SequelizeOptions = { dialect: 'sqlite', models: ['/app/models'], modelMatch: (file, member) => file === member.toLowerCase() };
    const relata = new Relata({ ...options, models });
    expectTypeOf(relata.getRepository(Team)).toHaveProperty('findAll');
    expectTypeOf(relata.model(Team).findAll()).resolves.toEqualTypeOf<Team[]>();
  });
});
