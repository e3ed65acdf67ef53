/**
 * belongsTo options on every dialect: the foreign key's name, type and nullability, targetKey,
 * `as` (string and { singular, plural }), onDelete/onUpdate as the database catalog reports them,
 * `constraints: false`, the index on the key, underscored fields, several associations to one model,
 * both sides declared in either order. Every check reads the catalog or the rows.
 */
import { beforeEach, expect, it } from 'vitest';
import { DataTypes, ForeignKeyConstraintError, type Relata } from '../../src/index.js';
import { catalog, dropAllTables } from '../support/catalog.js';
import { constraints, tableRows } from '../support/constraints.js';
import { describeEachDialect, type TestDialect } from '../support/dialects.js';

/** The catalog's spelling of the column type a belongsTo key gets for a target key type. */
const columnType: Record<TestDialect, Record<'INTEGER' | 'STRING' | 'UUID', string>> = {
  sqlite: { INTEGER: 'INTEGER', STRING: 'VARCHAR(255)', UUID: 'UUID' },
  'sqlite-file': { INTEGER: 'INTEGER', STRING: 'VARCHAR(255)', UUID: 'UUID' },
  postgres: { INTEGER: 'integer', STRING: 'character varying', UUID: 'uuid' },
  mariadb: { INTEGER: 'int', STRING: 'varchar', UUID: 'char' },
};

const columnTypeSql: Record<TestDialect, string> = {
  sqlite: 'SELECT type AS t FROM pragma_table_info(:table) WHERE name = :column',
  'sqlite-file': 'SELECT type AS t FROM pragma_table_info(:table) WHERE name = :column',
  postgres: 'SELECT data_type AS t FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = :table AND column_name = :column',
  mariadb: 'SELECT DATA_TYPE AS t FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = :table AND COLUMN_NAME = :column',
};

describeEachDialect('belongsTo options', ({ dialect, connect }) => {
  const fk = constraints(dialect);
  const cat = catalog(dialect);
  let db: Relata;

  beforeEach(async () => {
    db = await connect();
    await dropAllTables(db, dialect);
  });

  async function typeOf(table: string, column: string): Promise<string> {
    const row = (await db.query(columnTypeSql[dialect], { replacements: { table, column }, type: 'SELECT' as never, plain: true })) as { t: string };
    return row.t;
  }

  it('default key: <Target><Pk> with the target key type, nullable, SET NULL / CASCADE, indexed', async () => {
    const User = db.define('User', { name: DataTypes.STRING });
    const Post = db.define('Post', { title: DataTypes.STRING });
    const association = Post.belongsTo(User);
    await db.sync({ force: true });

    expect([association.foreignKey, association.targetKey, association.as, association.associationType]).toEqual(['UserId', 'id', 'User', 'BelongsTo']);
    expect(Post.associations['User']).toBe(association);
    expect(await cat.columns(db, 'Posts')).toEqual(['id', 'title', 'createdAt', 'updatedAt', 'UserId']);
    expect(await typeOf('Posts', 'UserId')).toBe(columnType[dialect].INTEGER);
    expect(await fk.nullableColumns(db, 'Posts')).toEqual(['UserId', 'title']);
    expect(await fk.foreignKeys(db, 'Posts')).toEqual([{ column: 'UserId', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    expect(await fk.leadingIndexColumns(db, 'Posts')).toContain('UserId');
  });

  it('the key type follows the target primary key (UUID, STRING)', async () => {
    const Account = db.define('Account', { id: { type: DataTypes.UUID, defaultValue: DataTypes.UUIDV4, primaryKey: true } });
    const Country = db.define('Country', { code: { type: DataTypes.STRING, primaryKey: true } }, { timestamps: false });
    const Invoice = db.define('Invoice', {});
    Invoice.belongsTo(Account);
    Invoice.belongsTo(Country);
    await db.sync({ force: true });

    expect(Invoice.rawAttributes['AccountId']?.type.key).toBe('UUID');
    expect(Invoice.rawAttributes['CountryCode']?.type.key).toBe('STRING');
    expect(await typeOf('Invoices', 'AccountId')).toBe(columnType[dialect].UUID);
    expect(await typeOf('Invoices', 'CountryCode')).toBe(columnType[dialect].STRING);
    const account = await Account.create({});
    await Country.create({ code: 'FR' });
    const invoice = await Invoice.create({ AccountId: account.get('id'), CountryCode: 'FR' });
    expect(((await (invoice as any).getAccount()) as any).id).toBe(account.get('id'));
    expect(((await (invoice as any).getCountry()) as any).code).toBe('FR');
  });

  it('foreignKey as a string names the column', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', {});
    expect(Post.belongsTo(User, { foreignKey: 'writerId' }).foreignKey).toBe('writerId');
    await db.sync({ force: true });
    expect(await fk.foreignKeys(db, 'Posts')).toEqual([{ column: 'writerId', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
  });

  it('foreignKey { name, allowNull: false }: NOT NULL, and onDelete defaults to NO ACTION', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', { title: DataTypes.STRING });
    Post.belongsTo(User, { foreignKey: { name: 'ownerId', allowNull: false } });
    await db.sync({ force: true });

    expect(Post.rawAttributes['ownerId']?.allowNull).toBe(false);
    expect(await fk.nullableColumns(db, 'Posts')).toEqual(['title']);
    expect(await fk.foreignKeys(db, 'Posts')).toEqual([{ column: 'ownerId', refTable: 'Users', refColumn: 'id', onDelete: 'NO ACTION', onUpdate: 'CASCADE' }]);
    const user = await User.create({});
    await Post.create({ ownerId: user.get('id') });
    // NO ACTION: the parent cannot go while a child points at it
    await expect(user.destroy()).rejects.toBeInstanceOf(ForeignKeyConstraintError);
    expect(await tableRows(db, dialect, 'Users', ['id'])).toEqual([{ id: user.get('id') }]);
  });

  it('a key attribute the model declares keeps its own options and gets the reference', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', { userId: { type: DataTypes.INTEGER, allowNull: false, field: 'user_ref' } });
    Post.belongsTo(User, { foreignKey: 'userId' });
    await db.sync({ force: true });
    expect(await cat.columns(db, 'Posts')).toEqual(['id', 'user_ref', 'createdAt', 'updatedAt']);
    expect(await fk.foreignKeys(db, 'Posts')).toEqual([{ column: 'user_ref', refTable: 'Users', refColumn: 'id', onDelete: 'NO ACTION', onUpdate: 'CASCADE' }]);
  });

  it('targetKey references a unique non-primary attribute', async () => {
    const User = db.define('User', { email: { type: DataTypes.STRING, unique: true } });
    const Post = db.define('Post', { title: DataTypes.STRING });
    const association = Post.belongsTo(User, { targetKey: 'email', foreignKey: 'authorEmail', as: 'author' });
    await db.sync({ force: true });

    expect(association.targetKey).toBe('email');
    expect(Post.rawAttributes['authorEmail']?.type.key).toBe('STRING');
    expect(await fk.foreignKeys(db, 'Posts')).toEqual([{ column: 'authorEmail', refTable: 'Users', refColumn: 'email', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    await User.bulkCreate([{ email: 'a@x.io' }, { email: 'b@x.io' }]);
    const post = (await Post.create({ title: 't', authorEmail: 'b@x.io' })) as any;
    expect((await post.getAuthor()).email).toBe('b@x.io');
    const loaded = (await Post.findOne({ include: 'author' })) as any;
    expect(loaded.author.get('email')).toBe('b@x.io');
  });

  it('onDelete / onUpdate are written as given and read back from the catalog', async () => {
    const User = db.define('User', {});
    const A = db.define('A', {});
    const B = db.define('B', {});
    const C = db.define('C', {});
    A.belongsTo(User, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' });
    B.belongsTo(User, { onDelete: 'RESTRICT', onUpdate: 'NO ACTION' });
    C.belongsTo(User, { onDelete: 'SET NULL', onUpdate: 'SET NULL' });
    await db.sync({ force: true });
    const rules = async (table: string) => (await fk.foreignKeys(db, table)).map((f) => [f.onDelete, f.onUpdate]);
    expect(await rules('As')).toEqual([['CASCADE', 'RESTRICT']]);
    expect(await rules('Bs')).toEqual([['RESTRICT', 'NO ACTION']]);
    expect(await rules('Cs')).toEqual([['SET NULL', 'SET NULL']]);

    // and the database applies them
    const user = await User.create({});
    await A.create({ UserId: user.get('id') });
    await C.create({ UserId: user.get('id') });
    await user.destroy();
    expect(await tableRows(db, dialect, 'As', ['UserId'])).toEqual([]);
    expect(await tableRows(db, dialect, 'Cs', ['UserId'])).toEqual([{ UserId: null }]);
  });

  it('constraints: false keeps the column but writes no foreign key', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', {});
    Post.belongsTo(User, { constraints: false });
    await db.sync({ force: true });
    expect(await cat.columns(db, 'Posts')).toContain('UserId');
    expect(Post.rawAttributes['UserId']?.references).toBeUndefined();
    expect(await fk.foreignKeys(db, 'Posts')).toEqual([]);
    // no constraint: a dangling key is accepted
    await Post.create({ UserId: 999 });
    expect(await tableRows(db, dialect, 'Posts', ['UserId'])).toEqual([{ UserId: 999 }]);
  });

  it('as: string names the key <as><Pk> and the accessors get/set/create<As>', async () => {
    const User = db.define('User', {});
    const Post = db.define('Post', {});
    const association = Post.belongsTo(User, { as: 'author' });
    expect([association.as, association.foreignKey, association.isAliased]).toEqual(['author', 'authorId', true]);
    expect(association.accessors).toEqual({ get: 'getAuthor', set: 'setAuthor', create: 'createAuthor' });
    for (const name of ['getAuthor', 'setAuthor', 'createAuthor']) expect(typeof (Post.prototype as any)[name]).toBe('function');
    expect((Post.prototype as any).getUser).toBeUndefined();
    await db.sync({ force: true });
    expect((await fk.foreignKeys(db, 'Posts')).map((f) => f.column)).toEqual(['authorId']);
  });

  it('as: { singular, plural } uses the singular for a to-one association', async () => {
    const Person = db.define('Person', {});
    const Pet = db.define('Pet', {});
    const association = Pet.belongsTo(Person, { as: { singular: 'owner', plural: 'owners' } });
    expect([association.as, association.foreignKey]).toEqual(['owner', 'ownerId']);
    expect(association.accessors).toEqual({ get: 'getOwner', set: 'setOwner', create: 'createOwner' });
  });

  it('underscored: the key attribute is UserId, its field user_id', async () => {
    const User = db.define('User', {}, { underscored: true });
    const Post = db.define('Post', { title: DataTypes.STRING }, { underscored: true });
    const association = Post.belongsTo(User);
    await db.sync({ force: true });
    expect(association.foreignKey).toBe('UserId');
    expect(Post.rawAttributes['UserId']?.field).toBe('user_id');
    expect(await cat.columns(db, 'posts')).toEqual(['id', 'title', 'created_at', 'updated_at', 'user_id']);
    expect(await fk.foreignKeys(db, 'posts')).toEqual([{ column: 'user_id', refTable: 'users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    expect(await fk.leadingIndexColumns(db, 'posts')).toContain('user_id');
    const user = await User.create({});
    const post = (await Post.create({ title: 't' })) as any;
    await post.setUser(user);
    expect(await tableRows(db, dialect, 'posts', ['title', 'user_id'])).toEqual([{ title: 't', user_id: user.get('id') }]);
    expect((await Post.findOne({ include: User }) as any).User.get('id')).toBe(user.get('id'));
  });

  it('two belongsTo to the same model under different aliases keep separate keys', async () => {
    const User = db.define('User', { name: DataTypes.STRING });
    const Message = db.define('Message', { body: DataTypes.STRING });
    Message.belongsTo(User, { as: 'sender' });
    Message.belongsTo(User, { as: 'recipient' });
    await db.sync({ force: true });
    expect((await fk.foreignKeys(db, 'Messages')).map((f) => `${f.column}->${f.refTable}`)).toEqual(['recipientId->Users', 'senderId->Users']);
    expect(await fk.leadingIndexColumns(db, 'Messages')).toEqual(expect.arrayContaining(['recipientId', 'senderId']));
    const [ann, bob] = await User.bulkCreate([{ name: 'ann' }, { name: 'bob' }]);
    await Message.create({ body: 'hi', senderId: ann?.get('id'), recipientId: bob?.get('id') });
    const message = (await Message.findOne({ include: ['sender', 'recipient'] })) as any;
    expect([message.sender.name, message.recipient.name]).toEqual(['ann', 'bob']);
  });

  it('self-association: Employee belongsTo Employee as manager', async () => {
    const Employee = db.define('Employee', { name: DataTypes.STRING });
    Employee.belongsTo(Employee, { as: 'manager' });
    await db.sync({ force: true });
    expect(await fk.foreignKeys(db, 'Employees')).toEqual([{ column: 'managerId', refTable: 'Employees', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
    const boss = await Employee.create({ name: 'boss' });
    await Employee.create({ name: 'worker', managerId: boss.get('id') });
    const worker = (await Employee.findOne({ where: { name: 'worker' }, include: 'manager' })) as any;
    expect(worker.manager.name).toBe('boss');
  });

  for (const order of ['belongsTo first', 'hasMany first'] as const) {
    it(`both sides declared (${order}) share one key and one constraint`, async () => {
      const User = db.define('User', {});
      const Post = db.define('Post', {});
      if (order === 'belongsTo first') {
        Post.belongsTo(User);
        User.hasMany(Post);
      } else {
        User.hasMany(Post);
        Post.belongsTo(User);
      }
      await db.sync({ force: true });
      expect(await cat.columns(db, 'Posts')).toEqual(['id', 'createdAt', 'updatedAt', 'UserId']);
      expect(await fk.foreignKeys(db, 'Posts')).toEqual([{ column: 'UserId', refTable: 'Users', refColumn: 'id', onDelete: 'SET NULL', onUpdate: 'CASCADE' }]);
      const user = (await User.create({})) as any;
      const post = (await user.createPost({})) as any;
      expect((await post.getUser()).id).toBe(user.id);
    });
  }
});
