/**
 * sequelize-typescript-style decorators (exported from relata) on every dialect: @Table/@Column
 * with types inferred from emitDecoratorMetadata, the attribute flags, @ForeignKey with
 * @BelongsTo/@HasOne/@HasMany/@BelongsToMany (a through model and a table name), timestamps,
 * scopes, hooks, registration in several steps, inheritance, and the registration errors.
 * The classes are declared per block: a class is a model on one connection.
 */
import 'reflect-metadata';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  AfterCreate, AllowNull, AutoIncrement, BeforeCreate, BeforeUpdate, BelongsTo, BelongsToMany, Column, Comment, CreatedAt, DataTypes,
  Default, DefaultScope, DecoratorError, DeletedAt, ForeignKey, HasMany, HasOne, Model, PrimaryKey, Relata, Scopes, Table, Unique,
  UniqueConstraintError, UpdatedAt, ValidationError,
  type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute,
} from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { constraints, tableRows } from '../support/constraints.js';
import { describeEachDialect } from '../support/dialects.js';

const audit: string[] = [];

function models() {
  @Scopes(() => ({ named: { where: { name: 'Owls' } }, withPlayers: { include: ['players'] } }))
  @Table({ tableName: 'teams', timestamps: false })
  class Team extends Model<InferAttributes<Team>, InferCreationAttributes<Team>> {
    @PrimaryKey @AutoIncrement @Column id!: CreationOptional<number>;
    @Unique @Column name!: string;
    @HasMany(() => Player) players?: Player[];
  }

  @DefaultScope(() => ({ where: { active: true } }))
  @Table({ tableName: 'players', timestamps: false })
  class Player extends Model<InferAttributes<Player>, InferCreationAttributes<Player>> {
    @PrimaryKey @AutoIncrement @Column id!: CreationOptional<number>;
    @AllowNull(false) @Column name!: string;
    @Default(true) @Column active!: CreationOptional<boolean>;
    @Column(DataTypes.DATE) joinedOn!: Date | null;
    @ForeignKey(() => Team) @Column teamId!: number;
    @BelongsTo(() => Team, { onDelete: 'CASCADE' }) team?: Team;

    @BeforeCreate static shout(player: Player): void {
      player.name = player.name.toUpperCase();
    }
  }

  @Table({ tableName: 'users', timestamps: false })
  class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
    declare id: CreationOptional<number>;
    @Comment('shown on the profile') @Column email!: string;
    @HasOne(() => Profile, { onDelete: 'CASCADE' }) profile?: Profile | null;

    @BeforeUpdate trimEmail(): void {
      this.email = this.email.trim();
    }

    @AfterCreate({ name: 'audit' }) static remember(user: User): void {
      audit.push(`created ${user.email}`);
    }
  }

  @Table({ tableName: 'profiles', timestamps: false })
  class Profile extends Model<InferAttributes<Profile>, InferCreationAttributes<Profile>> {
    declare id: CreationOptional<number>;
    @Column bio!: string;
    @BelongsTo(() => User) user?: NonAttribute<User>;
  }

  @Table({ tableName: 'authors', timestamps: false })
  class Author extends Model<InferAttributes<Author>, InferCreationAttributes<Author>> {
    declare id: CreationOptional<number>;
    @Column name!: string;
    @BelongsToMany(() => Book, () => BookAuthor) books?: Book[];
  }

  @Table({ tableName: 'books', timestamps: false })
  class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
    declare id: CreationOptional<number>;
    @Column title!: string;
    @Column pages!: number;
    @BelongsToMany(() => Author, () => BookAuthor) authors?: Author[];
    @BelongsToMany(() => Shelf, { through: 'book_shelves', foreignKey: 'bookId', otherKey: 'shelfId' }) shelves?: Shelf[];
  }

  @Table({ tableName: 'book_authors', timestamps: false })
  class BookAuthor extends Model<InferAttributes<BookAuthor>, InferCreationAttributes<BookAuthor>> {
    @ForeignKey(() => Book) @PrimaryKey @Column bookId!: number;
    @ForeignKey(() => Author) @PrimaryKey @Column authorId!: number;
    @Default('writer') @Column role!: CreationOptional<string>;
  }

  @Table({ tableName: 'shelves', timestamps: false })
  class Shelf extends Model<InferAttributes<Shelf>, InferCreationAttributes<Shelf>> {
    declare id: CreationOptional<number>;
    @Column label!: string;
    @BelongsToMany(() => Book, 'book_shelves', 'shelfId', 'bookId') books?: Book[];
  }

  @Table({ tableName: 'people' })
  class Person extends Model<InferAttributes<Person>, InferCreationAttributes<Person>> {
    declare id: CreationOptional<number>;
    @Column name!: string;
    @CreatedAt createdOn!: CreationOptional<Date>;
    @UpdatedAt updatedOn!: CreationOptional<Date>;
    @DeletedAt removedOn!: CreationOptional<Date | null>;
  }

  return { Team, Player, User, Profile, Author, Book, BookAuthor, Shelf, Person };
}

describeEachDialect('sequelize-typescript decorators', ({ dialect, connect }) => {
  const fk = constraints(dialect);
  let db: Relata;
  let m: ReturnType<typeof models>;

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
    m = models();
    db.addModels(Object.values(m));
    await db.sync({ force: true });
    audit.length = 0;
  });

  it('columns: types inferred from the TypeScript types, flags, defaults and comments', async () => {
    // rawAttributes as Sequelize shows them: allowNull only where declared (or added: the generated
    // id, the foreign key an association completes).
    const types = (model: { rawAttributes: Record<string, { type: { key: string }; allowNull?: boolean }> }) => Object.fromEntries(Object.entries(model.rawAttributes).map(([name, a]) => [name, [a.type.key, a.allowNull]]));
    expect(types(m.Player)).toEqual({
      id: ['INTEGER', undefined], name: ['STRING', false], active: ['BOOLEAN', undefined], joinedOn: ['DATE', undefined], teamId: ['INTEGER', true],
    });
    expect(types(m.Book)).toEqual({ id: ['INTEGER', false], title: ['STRING', undefined], pages: ['INTEGER', undefined] });
    expect(m.User.rawAttributes['email']?.comment).toBe('shown on the profile');
    expect(m.Player.rawAttributes['active']?.defaultValue).toBe(true);
    const owls = await m.Team.create({ name: 'Owls' });
    await expect(m.Team.create({ name: 'Owls' })).rejects.toBeInstanceOf(UniqueConstraintError);
    await expect(m.Player.create({ teamId: owls.id } as never)).rejects.toBeInstanceOf(ValidationError);
    const ann = await m.Player.create({ name: 'ann', teamId: owls.id, joinedOn: new Date('2024-05-01T10:00:00Z') });
    expect([ann.name, ann.active, ann.joinedOn?.toISOString()]).toEqual(['ANN', true, '2024-05-01T10:00:00.000Z']);
  });

  it('@HasMany/@BelongsTo through @ForeignKey: keys, actions, include by property name', async () => {
    expect(await fk.foreignKeys(db, 'players')).toEqual([{ column: 'teamId', refTable: 'teams', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' }]);
    const owls = await m.Team.create({ name: 'Owls' });
    const hawks = await m.Team.create({ name: 'Hawks' });
    await m.Player.bulkCreate([{ name: 'ann', teamId: owls.id }, { name: 'bo', teamId: owls.id }, { name: 'cy', teamId: hawks.id }]);
    const teams = await m.Team.findAll({ include: ['players'], order: [['name', 'ASC']] });
    expect(teams.map((t) => [t.name, t.players.map((p) => p.name).sort()])).toEqual([['Hawks', ['cy']], ['Owls', ['ann', 'bo']]]);
    const players = await m.Player.findAll({ include: ['team'], order: [['name', 'ASC']] });
    expect(players.map((p) => [p.name, p.team.name])).toEqual([['ann', 'Owls'], ['bo', 'Owls'], ['cy', 'Hawks']]);
    await owls.destroy();
    expect(await tableRows(db, dialect, 'players', ['name', 'teamId'])).toEqual([{ name: 'cy', teamId: hawks.id }]);
  });

  it('@HasOne finds its key through the @BelongsTo on the other side (userId), and cascades', async () => {
    expect(await fk.foreignKeys(db, 'profiles')).toEqual([{ column: 'userId', refTable: 'users', refColumn: 'id', onDelete: 'CASCADE', onUpdate: 'CASCADE' }]);
    const ada = await m.User.create({ email: 'ada@example.com' });
    const profile = (await (ada as unknown as { createProfile(v: object): Promise<InstanceType<typeof m.Profile>> }).createProfile({ bio: 'mathematician' }));
    expect(profile.get('userId')).toBe(ada.id);
    const loaded = await m.User.findByPk(ada.id, { include: ['profile'] });
    expect(loaded?.profile?.bio).toBe('mathematician');
    expect((await m.Profile.findOne({ include: ['user'] }))?.user.email).toBe('ada@example.com');
    await ada.destroy();
    expect(await m.Profile.count()).toBe(0);
  });

  it('@BelongsToMany through a model: keys from its @ForeignKey attributes, junction values', async () => {
    const ada = await m.Author.create({ name: 'Ada' });
    const bob = await m.Author.create({ name: 'Bob' });
    const notes = await m.Book.create({ title: 'Notes', pages: 120 });
    await (ada as unknown as { addBook(b: object, o?: object): Promise<unknown> }).addBook(notes);
    await (bob as unknown as { addBook(b: object, o?: object): Promise<unknown> }).addBook(notes, { through: { role: 'editor' } });
    expect(await tableRows(db, dialect, 'book_authors', ['bookId', 'authorId', 'role'])).toEqual([
      { bookId: notes.id, authorId: ada.id, role: 'writer' },
      { bookId: notes.id, authorId: bob.id, role: 'editor' },
    ]);
    const book = await m.Book.findByPk(notes.id, { include: ['authors'] });
    const roles = book?.authors.map((a) => [a.name, (a as unknown as { BookAuthor: { role: string } }).BookAuthor.role]).sort();
    expect(roles).toEqual([['Ada', 'writer'], ['Bob', 'editor']]);
    const authors = await m.Author.findAll({ include: ['books'], order: [['name', 'ASC']] });
    expect(authors.map((a) => [a.name, a.books.map((b) => b.title)])).toEqual([['Ada', ['Notes']], ['Bob', ['Notes']]]);
  });

  it('@BelongsToMany through a table name, with the keys given', async () => {
    const notes = await m.Book.create({ title: 'Notes', pages: 120 });
    const top = await m.Shelf.create({ label: 'top' });
    await (top as unknown as { addBook(b: object): Promise<unknown> }).addBook(notes);
    expect(await tableRows(db, dialect, 'book_shelves', ['bookId', 'shelfId'])).toEqual([{ bookId: notes.id, shelfId: top.id }]);
    expect((await m.Book.findByPk(notes.id, { include: ['shelves'] }))?.shelves.map((s) => s.label)).toEqual(['top']);
  });

  it('@CreatedAt, @UpdatedAt and @DeletedAt name the timestamps and make the model paranoid', async () => {
    expect(Object.keys(m.Person.rawAttributes)).toEqual(['id', 'name', 'createdOn', 'updatedOn', 'removedOn']);
    const ada = await m.Person.create({ name: 'Ada' });
    expect([ada.createdOn instanceof Date, ada.updatedOn instanceof Date]).toEqual([true, true]);
    await ada.destroy();
    expect(await m.Person.count()).toBe(0);
    const [removed] = await m.Person.findAll({ paranoid: false });
    expect(removed?.removedOn).toBeInstanceOf(Date);
  });

  it('@Scopes and @DefaultScope', async () => {
    const owls = await m.Team.create({ name: 'Owls' });
    await m.Team.create({ name: 'Hawks' });
    await m.Player.bulkCreate([{ name: 'ann', teamId: owls.id }, { name: 'bo', teamId: owls.id, active: false }]);
    expect((await m.Player.findAll()).map((p) => p.name)).toEqual(['ann']);
    expect((await m.Player.unscoped().findAll({ order: [['name', 'ASC']] })).map((p) => p.name)).toEqual(['ann', 'bo']);
    const named = await m.Team.scope('named', 'withPlayers').findAll();
    expect(named.map((t) => [t.name, (t.players ?? []).map((p) => p.name)])).toEqual([['Owls', ['ann']]]);
  });

  it('hooks: static methods get the hook arguments, instance methods run on the instance, named hooks can be removed', async () => {
    const ada = await m.User.create({ email: 'ada@example.com' });
    expect(audit).toEqual(['created ada@example.com']);
    await ada.update({ email: '  ada@example.org  ' });
    expect((await m.User.findByPk(ada.id))?.email).toBe('ada@example.org');
    m.User.removeHook('afterCreate', 'audit');
    await m.User.create({ email: 'bob@example.com' });
    expect(audit).toEqual(['created ada@example.com']);
  });
});

describe('registering decorated models', () => {
  it('in several steps: relations wait until their targets are registered', async () => {
    const { Team, Player } = models();
    const relata = new Relata('sqlite::memory:', { logging: false, models: [Team] });
    expect(Object.keys(Team.associations)).toEqual([]);
    relata.addModels([Player]);
    expect(Object.keys(Team.associations)).toEqual(['players']);
    expect(Object.keys(Player.associations)).toEqual(['team']);
    await relata.sync();
    const owls = await Team.create({ name: 'Owls' });
    await Player.create({ name: 'ann', teamId: owls.id });
    expect((await Team.findAll({ include: ['players'] }))[0]?.players.map((p) => p.name)).toEqual(['ANN']);
    await relata.close();
  });

  it('inherits columns from a base class and its options from a decorated base', async () => {
    class Entry extends Model {
      @PrimaryKey @AutoIncrement @Column declare id: number;
      @Column title!: string;
    }
    @Table({ tableName: 'notes', timestamps: false })
    class Note extends Entry {
      @Column body!: string;
    }
    const relata = new Relata('sqlite::memory:', { logging: false, models: [Note] });
    await relata.sync();
    await Note.create({ title: 't', body: 'b' });
    expect(Object.keys(Note.rawAttributes)).toEqual(['id', 'title', 'body']);
    expect((await Note.findAll({ raw: true }))).toEqual([{ id: 1, title: 't', body: 'b' }]);
    await relata.close();
  });

  it('errors name the model, the property and what would be valid', () => {
    class NoTable extends Model {
      @Column name!: string;
    }
    expect(() => new Relata('sqlite::memory:', { models: [NoTable] })).toThrow(new DecoratorError('NoTable has member decorators but no @Table; decorate the class with @Table so it can be registered'));

    @Table class NotAModel {}
    expect(() => new Relata('sqlite::memory:', { models: [NotAModel] })).toThrow('NotAModel is decorated with @Table but does not extend Model; declare it as class NotAModel extends Model { … }');

    @Table class Untyped extends Model {
      @Column settings!: Record<string, unknown>;
    }
    expect(() => new Relata('sqlite::memory:', { models: [Untyped] })).toThrow('Untyped.settings: @Column has no type and none can be inferred from its TypeScript type (Object)');

    @Table class Club extends Model {
      @HasMany(() => Member) members?: Member[];
    }
    @Table class Member extends Model {
      @Column name!: string;
    }
    expect(() => new Relata('sqlite::memory:', { models: [Club, Member] })).toThrow(
      "Club.members (@HasMany(() => Member)): no foreign key to Club on Member: mark it with @ForeignKey(() => Club), declare @BelongsTo(() => Club) on Member, or pass @HasMany(() => Member, 'clubId')",
    );

    @Table class Side extends Model {
      @Column name!: string;
    }
    @Table class Match extends Model {
      @ForeignKey(() => Side) @Column homeId!: number;
      @ForeignKey(() => Side) @Column awayId!: number;
      @BelongsTo(() => Side) home?: Side;
    }
    expect(() => new Relata('sqlite::memory:', { models: [Match, Side] })).toThrow(
      'Match.home (@BelongsTo(() => Side)): Match has several @ForeignKey(() => Side) attributes (homeId, awayId); pass the one to use as foreignKey',
    );
  });
});
