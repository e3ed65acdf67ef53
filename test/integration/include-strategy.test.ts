import { beforeAll, expect, it } from 'vitest';
import { DataTypes, InvalidOptionError, Relata, type Model, type ModelStatic } from '../../src/index.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

// How to-many includes load by default on each dialect, and `includeStrategy` choosing it: the JSON
// aggregate (SQLite's default), batched queries (PostgreSQL's and MariaDB's default) — the same
// instances either way, timestamps, BIGINT, DECIMAL and junction rows included.
describeEachDialect('include strategy: the default per dialect, and includeStrategy', ({ dialect, connect }) => {
  interface Models {
    readonly Author: ModelStatic<Model>;
    readonly Book: ModelStatic<Model>;
    readonly Review: ModelStatic<Model>;
    readonly Shelf: ModelStatic<Model>;
  }
  const define = (relata: Relata): Models => {
    const Author = relata.define('IsAuthor', { name: DataTypes.STRING });
    const Book = relata.define('IsBook', { title: DataTypes.STRING, copies: DataTypes.BIGINT, price: DataTypes.DECIMAL(10, 2), printedAt: DataTypes.DATE });
    const Review = relata.define('IsReview', { stars: DataTypes.INTEGER }, { timestamps: false });
    const Shelf = relata.define('IsShelf', { label: DataTypes.STRING }, { timestamps: false });
    Author.hasMany(Book, { as: 'books', foreignKey: 'authorId' });
    Book.hasMany(Review, { as: 'reviews', foreignKey: 'bookId' });
    Author.belongsToMany(Shelf, { through: 'IsAuthorShelves', as: 'shelves', foreignKey: 'authorId', otherKey: 'shelfId' });
    return { Author, Book, Review, Shelf };
  };
  // Whole seconds: MariaDB's DATETIME keeps no fraction by default.
  const printed = new Date('2024-03-04T05:06:07.000Z');
  const results = {} as Record<'auto' | 'json' | 'batched', { rows: Record<string, unknown>[]; statements: string[] }>;

  // Each strategy on a connection of its own, over tables it creates and fills alike.
  beforeAll(async () => {
    for (const strategy of ['auto', 'json', 'batched'] as const) {
      const sql = captureSql();
      const relata = await connect({ logging: sql.logging, ...(strategy === 'auto' ? {} : { includeStrategy: strategy }) });
      const models = define(relata);
      await relata.sync({ force: true });
      await seed(models);
      sql.statements.length = 0;
      results[strategy] = { rows: plain(await load(models)), statements: [...sql.statements] };
    }
  });

  async function seed({ Author, Book, Review, Shelf }: Models): Promise<void> {
    const [ann, bob] = await Author.bulkCreate([{ name: 'ann' }, { name: 'bob' }, { name: 'cy' }]);
    const books = await Book.bulkCreate([
      { title: 'a1', copies: 3_000_000_000, price: '12.50', printedAt: printed, authorId: ann?.get('id') },
      { title: 'a2', copies: 3, price: '0.10', printedAt: null, authorId: ann?.get('id') },
      { title: 'b1', copies: 7, price: '99.99', printedAt: new Date('1999-12-31T23:59:59.000Z'), authorId: bob?.get('id') },
    ]);
    await Review.bulkCreate([
      { stars: 5, bookId: books[0]?.get('id') },
      { stars: 3, bookId: books[0]?.get('id') },
      { stars: 4, bookId: books[2]?.get('id') },
    ]);
    const shelves = await Shelf.bulkCreate([{ label: 'new' }, { label: 'old' }]);
    await (ann as unknown as { addShelves(s: unknown[]): Promise<unknown> }).addShelves(shelves);
    await (bob as unknown as { addShelves(s: unknown[]): Promise<unknown> }).addShelves([shelves[1]]);
  }

  const load = ({ Author, Book, Review, Shelf }: Models) =>
    Author.findAll({
      include: [
        { model: Book, as: 'books', include: [{ model: Review, as: 'reviews' }] },
        { model: Shelf, as: 'shelves' },
      ],
      order: [
        ['id', 'ASC'],
        [{ model: Book, as: 'books' }, 'id', 'ASC'],
        [{ model: Shelf, as: 'shelves' }, 'id', 'ASC'],
      ],
    });
  // Reviews come in no particular order (no order names them): sorted by id here.
  const plain = (rows: Model[]) =>
    rows.map((r) => {
      const author = r.get({ plain: true }) as Record<string, unknown>;
      for (const book of author['books'] as Record<string, unknown>[]) (book['reviews'] as { id: number }[]).sort((a, b) => a.id - b.id);
      return author;
    });

  it('the default: one JSON aggregate per to-many include on SQLite, one batched query per level on PostgreSQL and MariaDB', () => {
    const { rows, statements } = results.auto;
    if (dialect === 'postgres' || dialect === 'mariadb') {
      // authors, books, reviews, shelves (junction joined)
      expect(statements).toHaveLength(4);
      if (dialect === 'postgres') expect(statements[1]).toContain('= ANY($1::int4[])');
      expect(statements.join('\n')).not.toMatch(/json_agg|json_group_array/);
    } else {
      expect(statements).toHaveLength(1);
      expect(statements[0]?.split('json_group_array')).toHaveLength(4);
    }
    const [ann, bob, cy] = rows;
    expect(ann?.['books']).toEqual([
      expect.objectContaining({ title: 'a1', printedAt: printed, reviews: [expect.objectContaining({ stars: 5 }), expect.objectContaining({ stars: 3 })] }),
      expect.objectContaining({ title: 'a2', printedAt: null, reviews: [] }),
    ]);
    // DECIMAL and BIGINT read back as each dialect returns them (text on PostgreSQL, no trailing zero on SQLite).
    expect((ann?.['books'] as Record<string, unknown>[]).map((b) => [Number(b['copies']), Number(b['price'])])).toEqual([
      [3_000_000_000, 12.5],
      [3, 0.1],
    ]);
    expect((bob?.['books'] as Record<string, unknown>[])[0]?.['printedAt']).toEqual(new Date('1999-12-31T23:59:59.000Z'));
    expect((ann?.['shelves'] as Record<string, unknown>[]).map((s) => [s['label'], (s['IsAuthorShelves'] as Record<string, unknown>)['authorId']])).toEqual([
      ['new', ann?.['id']],
      ['old', ann?.['id']],
    ]);
    expect(cy?.['books']).toEqual([]);
    expect(cy?.['shelves']).toEqual([]);
  });

  it("includeStrategy 'json' and 'batched' give the same instances as the default", () => {
    const stamps = (rows: Record<string, unknown>[]) => JSON.stringify(rows, (k, v: unknown) => (k === 'createdAt' || k === 'updatedAt' ? typeof v : v));
    expect(stamps(results.json.rows)).toBe(stamps(results.auto.rows));
    expect(stamps(results.batched.rows)).toBe(stamps(results.auto.rows));
    // JSON where the dialect has an aggregate (SQLite, PostgreSQL); MariaDB batches whatever is asked.
    expect(results.json.statements).toHaveLength(dialect === 'mariadb' ? 4 : 1);
    if (dialect === 'postgres') expect(results.json.statements[0]?.split('json_agg')).toHaveLength(4);
    expect(results.batched.statements).toHaveLength(4);
    expect(results.batched.statements.join('\n')).not.toMatch(/json_agg|json_group_array/);
  });

  it('an includeStrategy that is none of the three is an InvalidOptionError naming the option and the choices', () => {
    expect(() => new Relata('sqlite::memory:', { logging: false, includeStrategy: 'join' as never })).toThrow(InvalidOptionError);
    expect(() => new Relata('sqlite::memory:', { logging: false, includeStrategy: 'join' as never })).toThrow(/includeStrategy.*'auto', 'json' or 'batched'/);
  });
});
