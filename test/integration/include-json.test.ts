import { beforeAll, expect, it } from 'vitest';
import { DataTypes, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

// The JSON strategy (`includeStrategy: 'json'`): on SQLite and PostgreSQL a to-many include is read
// as a JSON array inside its parent's query; on MariaDB it is a batched IN query. Both must give the
// same instances. (PostgreSQL's default is batched: include-strategy.test.ts.)
describeEachDialect('include: to-many rows aggregated to JSON in the parent query', ({ dialect, connect }) => {
  const json = dialect !== 'mariadb';
  let relata: Relata;
  let Author: ModelStatic<Model>;
  let Book: ModelStatic<Model>;
  let Review: ModelStatic<Model>;
  let Tag: ModelStatic<Model>;
  let Cover: ModelStatic<Model>;
  let Publisher: ModelStatic<Model>;
  const sql = captureSql();
  const when = new Date('2024-03-04T05:06:07.891Z');

  beforeAll(async () => {
    relata = await connect({ logging: sql.logging, includeStrategy: 'json' });
    Author = relata.define('JsAuthor', { name: DataTypes.STRING });
    Publisher = relata.define('JsPublisher', { name: DataTypes.STRING });
    Book = relata.define(
      'JsBook',
      {
        title: DataTypes.STRING,
        copies: DataTypes.BIGINT,
        price: DataTypes.DECIMAL(10, 2),
        rating: DataTypes.FLOAT,
        inPrint: DataTypes.BOOLEAN,
        publishedAt: DataTypes.DATE(3),
        meta: DataTypes.JSON,
        hidden: DataTypes.STRING,
      },
      { paranoid: true, defaultScope: { attributes: { exclude: ['hidden'] } } },
    );
    Review = relata.define('JsReview', { stars: DataTypes.INTEGER, text: DataTypes.TEXT });
    Tag = relata.define('JsTag', { label: DataTypes.STRING });
    Cover = relata.define('JsCover', { image: DataTypes.BLOB, caption: DataTypes.STRING });
    Author.hasMany(Book, { as: 'books', foreignKey: 'authorId' });
    Book.hasMany(Review, { as: 'reviews', foreignKey: 'bookId' });
    Book.belongsTo(Publisher, { as: 'publisher', foreignKey: 'publisherId' });
    Book.belongsToMany(Tag, { through: relata.define('JsBookTag', { weight: DataTypes.INTEGER }), as: 'tags', foreignKey: 'bookId', otherKey: 'tagId' });
    Author.hasMany(Cover, { as: 'covers', foreignKey: 'authorId' });
    await relata.sync({ force: true });
    await Author.bulkCreate([{ name: 'ursula' }, { name: 'iain' }]);
    await Publisher.bulkCreate([{ name: 'Ace' }]);
    await Book.bulkCreate([
      // ids 1..4; inserted out of title order, so the default child order (by key) is visible
      { title: 'The Dispossessed', copies: '9007199254740993', price: '12.50', rating: 4.5, inPrint: true, publishedAt: when, meta: { quote: 'say "hi" \\ 🙂', n: [1, 2] }, hidden: 'x', authorId: 1, publisherId: 1 },
      { title: 'A Wizard of Earthsea', copies: 10, price: '8.00', rating: 0.1, inPrint: false, publishedAt: null, meta: null, authorId: 1 },
      { title: 'Consider Phlebas', copies: 3, price: '9.99', rating: 3, inPrint: true, publishedAt: when, authorId: 2 },
      { title: 'Deleted', copies: 1, price: '1.00', authorId: 2 },
    ]);
    await Book.destroy({ where: { title: 'Deleted' } });
    await Review.bulkCreate([{ stars: 5, text: 'l\u00e9gendaire', bookId: 1 }, { stars: 3, text: "it's 'fine'", bookId: 1 }, { stars: 4, text: 'ok', bookId: 3 }]);
    await Tag.bulkCreate([{ label: 'sf' }, { label: 'fantasy' }]);
    await relata.model('JsBookTag').bulkCreate([{ bookId: 1, tagId: 1, weight: 7 }, { bookId: 2, tagId: 2, weight: 9 }, { bookId: 2, tagId: 1, weight: 1 }]);
    await Cover.bulkCreate([{ image: Buffer.from([0, 1, 2, 255]), caption: 'first', authorId: 1 }]);
  });

  const deep = () =>
    Author.findAll({
      order: [['id', 'ASC']],
      include: [{ model: Book, as: 'books', include: [{ model: Review, as: 'reviews' }, { model: Publisher, as: 'publisher' }, { model: Tag, as: 'tags' }] }],
    });

  it('loads nested to-many, to-one and belongsToMany includes in one statement (SQLite, PostgreSQL) or one per to-many level (MariaDB)', async () => {
    sql.statements.length = 0;
    const authors = await deep();
    expect(sql.statements).toHaveLength(json ? 1 : 4);
    const shape = authors.map((a) => ({
      name: a.get('name'),
      books: (a.get('books') as Model[]).map((b) => ({
        title: b.get('title'),
        reviews: (b.get('reviews') as Model[]).map((r) => r.get('stars')),
        publisher: (b.get('publisher') as Model | null)?.get('name') ?? null,
        tags: (b.get('tags') as Model[]).map((t) => [t.get('label'), (t.get('JsBookTag') as Model).get('weight')]),
      })),
    }));
    expect(shape).toEqual([
      {
        name: 'ursula',
        books: [
          { title: 'The Dispossessed', reviews: [5, 3], publisher: 'Ace', tags: [['sf', 7]] },
          { title: 'A Wizard of Earthsea', reviews: [], publisher: null, tags: [['sf', 1], ['fantasy', 9]] },
        ],
      },
      // the paranoid-deleted book is not loaded
      { name: 'iain', books: [{ title: 'Consider Phlebas', reviews: [4], publisher: null, tags: [] }] },
    ]);
  });

  it('reads every value exactly as a plain query does: big integers, decimals, floats, booleans, dates, JSON and text', async () => {
    const [ursula] = await deep();
    const [nested] = ursula?.get('books') as Model[];
    const direct = (await Book.findByPk(1)) as Model;
    for (const key of ['id', 'title', 'copies', 'price', 'rating', 'inPrint', 'publishedAt', 'meta', 'authorId', 'publisherId', 'createdAt', 'updatedAt', 'deletedAt']) {
      expect([key, nested?.get(key)]).toEqual([key, direct.get(key)]);
    }
    // better-sqlite3 itself returns integers as (rounded) numbers; pg and mysql2 return exact strings.
    if (dialect.startsWith('sqlite')) expect(nested?.get('copies')).toBe(9007199254740992);
    else expect(String(nested?.get('copies'))).toBe('9007199254740993');
    expect(String(nested?.get('price'))).toMatch(/^12\.50?$/);
    expect(nested?.get('inPrint')).toBe(true);
    expect((nested?.get('publishedAt') as Date).toISOString()).toBe('2024-03-04T05:06:07.891Z');
    expect(nested?.get('meta')).toEqual({ quote: 'say "hi" \\ 🙂', n: [1, 2] });
    // the default scope of the target applies to the include
    expect(nested?.get('hidden')).toBeUndefined();
    const reviews = (nested?.get('reviews') as Model[]).map((r) => r.get('text'));
    expect(reviews).toEqual(['l\u00e9gendaire', "it's 'fine'"]);
    expect(nested?.changed()).toBe(false);
    expect(nested?.isNewRecord).toBe(false);
  });

  it('a junction row carries only the through attributes asked for', async () => {
    const [book] = await Book.findAll({ where: { id: 2 }, include: [{ model: Tag, as: 'tags', through: { attributes: ['weight'] }, order: [['label', 'DESC']] }] });
    const tags = (book?.get('tags') as Model[]).map((t) => [t.get('label'), (t.get('JsBookTag') as Model).toJSON()]);
    expect(tags).toEqual([
      ['sf', { weight: 1 }],
      ['fantasy', { weight: 9 }],
    ]);
  });

  it('include where, attributes and order apply inside the aggregate', async () => {
    sql.statements.length = 0;
    const [ursula] = await Author.findAll({ where: { id: 1 }, include: [{ model: Book, as: 'books', attributes: ['title'], where: { inPrint: false }, order: [['title', 'DESC']] }] });
    expect(sql.statements).toHaveLength(json ? 1 : 2);
    expect((ursula?.get('books') as Model[]).map((b) => b.toJSON())).toEqual([{ title: 'A Wizard of Earthsea' }]);
  });

  it('separate: true, and a BLOB column (which JSON cannot hold), load with a batched query on every dialect', async () => {
    sql.statements.length = 0;
    const separate = await Author.findAll({ where: { id: 1 }, include: [{ model: Book, as: 'books', separate: true }] });
    expect(sql.statements).toHaveLength(2);
    expect((separate[0]?.get('books') as Model[]).map((b) => b.get('title'))).toEqual(['The Dispossessed', 'A Wizard of Earthsea']);
    sql.statements.length = 0;
    const withCovers = await Author.findAll({ order: [['id', 'ASC']], include: [{ model: Cover, as: 'covers' }] });
    expect(sql.statements).toHaveLength(2);
    expect(sql.statements[1]).toMatch(/from ["`]JsCovers["`]/);
    const image = (withCovers[0]?.get('covers') as Model[])[0]?.get('image') as Buffer;
    expect([...image]).toEqual([0, 1, 2, 255]);
    expect(withCovers[1]?.get('covers')).toEqual([]);
  });

  it('children loaded from JSON batch their own lazy loads over the whole result set', async () => {
    const authors = await Author.findAll({ order: [['id', 'ASC']], include: [{ model: Book, as: 'books' }] });
    sql.statements.length = 0;
    const books = authors.flatMap((a) => a.get('books') as Model[]);
    const counts = [];
    for (const book of books) counts.push(((await (book as unknown as { getReviews(): Promise<Model[]> }).getReviews()) as Model[]).length);
    expect(counts).toEqual([2, 0, 1]);
    expect(sql.statements).toHaveLength(1);
  });

  it('a child loaded from JSON saves like any other instance', async () => {
    const [ursula] = await Author.findAll({ where: { id: 1 }, include: [{ model: Book, as: 'books' }] });
    const book = (ursula?.get('books') as Model[])[1] as Model;
    book.set('title', 'A Wizard of Earthsea (2nd ed.)');
    expect(book.changed()).toEqual(['title']);
    await book.save();
    expect(((await Book.findByPk(2)) as Model).get('title')).toBe('A Wizard of Earthsea (2nd ed.)');
    await Book.update({ title: 'A Wizard of Earthsea' }, { where: { id: 2 } });
  });

  it('get({ plain: true }) nests JSON-loaded children, junction rows included', async () => {
    const [iain] = await Author.findAll({ where: { id: 2 }, include: [{ model: Book, as: 'books', attributes: ['id', 'title'], include: [{ model: Review, as: 'reviews', attributes: ['stars'] }] }] });
    expect(iain?.get({ plain: true })).toMatchObject({ name: 'iain', books: [{ id: 3, title: 'Consider Phlebas', reviews: [{ stars: 4 }] }] });
    // As in Sequelize, an include's attributes list is exactly what the instance holds.
    expect((iain?.get('books') as Model[])[0]?.toJSON()).not.toHaveProperty('authorId');
  });

  it('a locked root keeps a batched query for its to-many include (FOR UPDATE does not mix with aggregates)', async () => {
    const titles = await relata.transaction(async (transaction) => {
      sql.statements.length = 0;
      const authors = await Author.findAll({ where: { id: 1 }, include: [{ model: Book, as: 'books' }], lock: true, transaction });
      return (authors[0]?.get('books') as Model[]).map((b) => b.get('title'));
    });
    expect(titles).toEqual(['The Dispossessed', 'A Wizard of Earthsea']);
    expect(sql.statements.filter((s) => /^select/i.test(s))).toHaveLength(2);
  });
});
