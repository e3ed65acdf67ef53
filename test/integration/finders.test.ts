/**
 * Finders on every dialect against one seeded table: every Op of issue 2, attributes, order,
 * group/having, limit/offset, raw, paranoid, rejectOnEmpty, aggregates, where()/literal()/cast().
 * Each query asserts the ids (or values) it returns; a few also assert the SQL.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DataTypes, EmptyResultError, Model, Op, cast, col, fn, literal, where, type ModelStatic, type Relata, type WhereOptions,
} from '../../src/index.js';
import { dropAllTables } from '../support/catalog.js';
import { captureSql, describeEachDialect, type TestDialect } from '../support/dialects.js';

const SEED = [
  { name: 'Apple', category: 'fruit', price: 3, stock: 10 },
  { name: 'banana', category: 'fruit', price: 1, stock: null },
  { name: 'Carrot', category: 'veg', price: 2, stock: 0 },
  { name: 'apricot', category: 'fruit', price: 5, stock: 7 },
  { name: 'Daikon', category: 'veg', price: 4, stock: 3 },
  { name: 'Eggplant', category: 'veg', price: 6, stock: null },
];

/** LIKE is case-sensitive on PostgreSQL only (SQLite's ASCII LIKE and MariaDB's default collation are not). */
const caseSensitiveLike: Record<TestDialect, boolean> = { sqlite: false, 'sqlite-file': false, postgres: true, mariadb: false };

/** A CAST target each dialect accepts for text (MySQL/MariaDB have no CAST … AS TEXT). */
const textType: Record<TestDialect, string> = { sqlite: 'TEXT', 'sqlite-file': 'TEXT', postgres: 'TEXT', mariadb: 'CHAR' };

/** A raw SUM() over an INTEGER column: PostgreSQL (bigint) and MariaDB (DECIMAL) send text, as in Sequelize. */
const rawSum: Record<TestDialect, (n: number) => number | string> = {
  sqlite: (n) => n,
  'sqlite-file': (n) => n,
  postgres: (n) => String(n),
  mariadb: (n) => String(n),
};

/**
 * The SQL of `findAll({ attributes: ['id'], where: { price: { [Op.gt]: 4 } }, order: [['id', 'DESC']], limit: 2 })`;
 * `order` names the selected output column `id`.
 */
const gtSql: Record<TestDialect, string> = {
  sqlite: 'select "Product"."id" as "id" from "Products" as "Product" where "Product"."price" > ? order by "Product"."id" DESC limit 2',
  'sqlite-file': 'select "Product"."id" as "id" from "Products" as "Product" where "Product"."price" > ? order by "Product"."id" DESC limit 2',
  postgres: 'select "Product"."id" as "id" from "Products" as "Product" where "Product"."price" > $1 order by "Product"."id" DESC limit 2',
  mariadb: 'select `Product`.`id` as `id` from `Products` as `Product` where `Product`.`price` > ? order by `Product`.`id` DESC limit 2',
};

/** `where: { name: { [Op.iLike]: 'a%' } }`: ILIKE where it exists, LOWER() LIKE LOWER() elsewhere. */
const iLikeWhere: Record<TestDialect, string> = {
  sqlite: 'where LOWER("Product"."name") LIKE LOWER(?)',
  'sqlite-file': 'where LOWER("Product"."name") LIKE LOWER(?)',
  postgres: 'where "Product"."name" ILIKE $1',
  mariadb: 'where LOWER(`Product`.`name`) LIKE LOWER(?)',
};

describeEachDialect('finders', ({ dialect, connect }) => {
  const sql = captureSql();
  let db: Relata;
  let Product: ModelStatic<Model>;
  let Doc: ModelStatic<Model>;

  beforeAll(async () => {
    db = await connect({ logging: sql.logging });
    await dropAllTables(db, dialect);
    Product = db.define('Product', {
      name: { type: DataTypes.STRING, allowNull: false },
      category: DataTypes.STRING,
      price: DataTypes.INTEGER,
      stock: DataTypes.INTEGER,
    }, { timestamps: false });
    Doc = db.define('Doc', { title: DataTypes.STRING }, { paranoid: true });
    await db.sync({ force: true });
    await Product.bulkCreate(SEED);
    await Doc.bulkCreate([{ title: 'a' }, { title: 'b' }, { title: 'c' }]);
    await Doc.destroy({ where: { title: 'b' } });
  });

  async function ids(whereClause: WhereOptions): Promise<number[]> {
    const rows = await Product.findAll({ where: whereClause, order: [['id', 'ASC']] });
    return rows.map((r) => r.get('id') as number);
  }

  describe('operators', () => {
    const like = (): Record<string, number[]> => caseSensitiveLike[dialect]
      ? { like: [1], notLike: [2, 3, 4, 5, 6], startsWith: [4] }
      : { like: [1, 4], notLike: [2, 3, 5, 6], startsWith: [1, 4] };

    it('eq, ne, is, not', async () => {
      expect(await ids({ price: { [Op.eq]: 3 } })).toEqual([1]);
      expect(await ids({ price: 3 })).toEqual([1]);
      expect(await ids({ price: { [Op.ne]: 3 } })).toEqual([2, 3, 4, 5, 6]);
      expect(await ids({ stock: { [Op.is]: null } })).toEqual([2, 6]);
      expect(await ids({ stock: null })).toEqual([2, 6]);
      expect(await ids({ stock: { [Op.not]: null } })).toEqual([1, 3, 4, 5]);
      expect(await ids({ stock: { [Op.ne]: null } })).toEqual([1, 3, 4, 5]);
      expect(await ids({ name: { [Op.not]: 'Apple' } })).toEqual([2, 3, 4, 5, 6]);
      expect(await ids({ price: { [Op.not]: { [Op.gt]: 2 } } })).toEqual([2, 3]);
    });

    it('gt, gte, lt, lte', async () => {
      expect(await ids({ price: { [Op.gt]: 4 } })).toEqual([4, 6]);
      expect(await ids({ price: { [Op.gte]: 4 } })).toEqual([4, 5, 6]);
      expect(await ids({ price: { [Op.lt]: 2 } })).toEqual([2]);
      expect(await ids({ price: { [Op.lte]: 2 } })).toEqual([2, 3]);
      expect(await ids({ price: { [Op.gt]: 1, [Op.lt]: 4 } })).toEqual([1, 3]);
    });

    it('between, notBetween, in, notIn', async () => {
      expect(await ids({ price: { [Op.between]: [2, 4] } })).toEqual([1, 3, 5]);
      expect(await ids({ price: { [Op.notBetween]: [2, 4] } })).toEqual([2, 4, 6]);
      expect(await ids({ id: { [Op.in]: [5, 1, 3] } })).toEqual([1, 3, 5]);
      expect(await ids({ id: [2, 4] })).toEqual([2, 4]);
      expect(await ids({ id: { [Op.notIn]: [1, 2, 3] } })).toEqual([4, 5, 6]);
      expect(await ids({ id: { [Op.in]: [] } })).toEqual([]);
      expect(await ids({ id: { [Op.notIn]: [] } })).toEqual([1, 2, 3, 4, 5, 6]);
    });

    it('like, notLike (case sensitivity per dialect), iLike, notILike', async () => {
      expect(await ids({ name: { [Op.like]: 'A%' } })).toEqual(like()['like']);
      expect(await ids({ name: { [Op.notLike]: 'A%' } })).toEqual(like()['notLike']);
      expect(await ids({ name: { [Op.iLike]: 'A%' } })).toEqual([1, 4]);
      expect(await ids({ name: { [Op.iLike]: '%AN%' } })).toEqual([2, 6]);
      expect(await ids({ name: { [Op.notILike]: 'a%' } })).toEqual([2, 3, 5, 6]);
    });

    it('startsWith, endsWith, substring', async () => {
      expect(await ids({ name: { [Op.startsWith]: 'ap' } })).toEqual(like()['startsWith']);
      expect(await ids({ name: { [Op.endsWith]: 'ot' } })).toEqual([3, 4]);
      expect(await ids({ name: { [Op.substring]: 'an' } })).toEqual([2, 6]);
    });

    it('and, or, not and nested combinations', async () => {
      expect(await ids({ [Op.and]: [{ category: 'fruit' }, { price: { [Op.gt]: 2 } }] })).toEqual([1, 4]);
      expect(await ids({ category: 'fruit', price: { [Op.gt]: 2 } })).toEqual([1, 4]);
      expect(await ids({ [Op.or]: [{ category: 'veg' }, { price: 1 }] })).toEqual([2, 3, 5, 6]);
      expect(await ids({ [Op.or]: { price: 1, stock: 0 } })).toEqual([2, 3]);
      expect(await ids({ price: { [Op.or]: [1, 6] } })).toEqual([2, 6]);
      expect(await ids({ price: { [Op.or]: { [Op.lt]: 2, [Op.gt]: 5 } } })).toEqual([2, 6]);
      expect(await ids({ price: { [Op.and]: [{ [Op.gt]: 1 }, { [Op.lt]: 4 }] } })).toEqual([1, 3]);
      expect(await ids({ [Op.not]: { category: 'fruit' } })).toEqual([3, 5, 6]);
      expect(await ids({
        [Op.or]: [
          { [Op.and]: [{ category: 'fruit' }, { stock: null }] },
          { [Op.and]: [{ category: 'veg' }, { [Op.or]: [{ price: { [Op.gte]: 6 } }, { stock: 0 }] }] },
        ],
      })).toEqual([2, 3, 6]);
    });

    it('compiles to bound parameters with the expected SQL', async () => {
      sql.statements.length = 0;
      const rows = await Product.findAll({ attributes: ['id'], where: { price: { [Op.gt]: 4 } }, order: [['id', 'DESC']], limit: 2 });
      expect(rows.map((r) => r.get('id'))).toEqual([6, 4]);
      expect(sql.statements).toEqual([gtSql[dialect]]);
      sql.statements.length = 0;
      expect(await ids({ name: { [Op.iLike]: 'A%' } })).toEqual([1, 4]);
      expect(sql.statements).toHaveLength(1);
      expect(sql.statements[0]).toContain(iLikeWhere[dialect]);
    });
  });

  describe('where(), literal(), cast()', () => {
    it('where() compares a function of a column', async () => {
      expect(await ids(where(fn('LOWER', col('name')), 'apple'))).toEqual([1]);
      expect(await ids(where(fn('LOWER', col('name')), Op.like, 'a%'))).toEqual([1, 4]);
      expect(await ids({ [Op.and]: [where(col('price'), Op.gte, 5), { category: 'veg' }] })).toEqual([6]);
    });

    it('literal() is raw SQL in where and attributes', async () => {
      expect(await ids(literal('price > 4'))).toEqual([4, 6]);
      const rows = await Product.findAll({ attributes: ['id', [literal('price * 10'), 'tenfold']], where: { id: [1, 2] }, order: [['id', 'ASC']], raw: true });
      expect(rows).toEqual([{ id: 1, tenfold: 30 }, { id: 2, tenfold: 10 }]);
    });

    it('cast() in where and attributes', async () => {
      expect(await ids(where(cast(col('price'), textType[dialect]), '3'))).toEqual([1]);
      const rows = await Product.findAll({ attributes: [[cast(col('price'), textType[dialect]), 'priceText']], where: { id: 4 }, raw: true });
      expect(rows).toEqual([{ priceText: '5' }]);
    });
  });

  describe('attributes, order, group, limit', () => {
    it('attributes as a list, with include/exclude and aliases', async () => {
      const listed = await Product.findOne({ attributes: ['id', 'name'], where: { id: 1 } });
      expect(listed?.get({ plain: true })).toEqual({ id: 1, name: 'Apple' });
      const excluded = await Product.findOne({ attributes: { exclude: ['stock', 'category'] }, where: { id: 2 } });
      expect(excluded?.get({ plain: true })).toEqual({ id: 2, name: 'banana', price: 1 });
      const included = await Product.findOne({ attributes: { include: [['price', 'cost']] }, where: { id: 3 } });
      expect(included?.get({ plain: true })).toEqual({ id: 3, name: 'Carrot', category: 'veg', price: 2, stock: 0, cost: 2 });
      const aliased = await Product.findAll({ attributes: [['name', 'label']], where: { id: [1, 3] }, order: [['id', 'ASC']], raw: true });
      expect(aliased).toEqual([{ label: 'Apple' }, { label: 'Carrot' }]);
    });

    it('attributes with fn() and col()', async () => {
      const rows = await Product.findAll({ attributes: ['id', [fn('UPPER', col('name')), 'upper'], [col('category'), 'kind']], where: { id: [1, 5] }, order: [['id', 'ASC']] });
      expect(rows.map((r) => [r.get('id'), r.get('upper'), r.get('kind')])).toEqual([[1, 'APPLE', 'fruit'], [5, 'DAIKON', 'veg']]);
    });

    it('order by nested arrays, by fn(), and by a selected alias', async () => {
      const byTwo = await Product.findAll({ order: [['category', 'DESC'], ['price', 'ASC']] });
      expect(byTwo.map((r) => r.get('id'))).toEqual([3, 5, 6, 2, 1, 4]);
      const byFn = await Product.findAll({ order: [[fn('LENGTH', col('name')), 'DESC'], ['id', 'ASC']] });
      expect(byFn.map((r) => r.get('id'))).toEqual([6, 4, 2, 3, 5, 1]);
      const byAlias = await Product.findAll({ attributes: ['id', [literal('price * -1'), 'neg']], order: [['neg', 'ASC']] });
      expect(byAlias.map((r) => r.get('id'))).toEqual([6, 4, 5, 1, 3, 2]);
    });

    it('group and having', async () => {
      const rows = await Product.findAll({
        attributes: ['category', [fn('SUM', col('price')), 'total'], [fn('MAX', col('price')), 'top']],
        group: ['category'],
        having: where(fn('SUM', col('price')), Op.gt, 10),
        raw: true,
      });
      expect(rows).toEqual([{ category: 'veg', total: rawSum[dialect](12), top: 6 }]);
    });

    it('regression: count({ group }) returns rows keyed by the grouped attribute with numeric counts', async () => {
      const counted = (await Product.count({ where: { price: { [Op.gt]: 1 } }, group: ['category'] })) as unknown as { category: string }[];
      expect([...counted].sort((a, b) => a.category.localeCompare(b.category))).toEqual([{ category: 'fruit', count: 2 }, { category: 'veg', count: 3 }]);
    });

    it('limit and offset', async () => {
      const page = await Product.findAll({ order: [['id', 'ASC']], limit: 2, offset: 2 });
      expect(page.map((r) => r.get('id'))).toEqual([3, 4]);
      const last = await Product.findAll({ order: [['id', 'ASC']], offset: 5, limit: 10 });
      expect(last.map((r) => r.get('id'))).toEqual([6]);
    });

    it('raw returns plain objects instead of instances', async () => {
      const rows = await Product.findAll({ where: { id: 2 }, raw: true });
      expect(rows).toEqual([{ id: 2, name: 'banana', category: 'fruit', price: 1, stock: null }]);
      expect(rows[0]).not.toBeInstanceOf(Model);
      const instance = await Product.findOne({ where: { id: 2 } });
      expect(instance).toBeInstanceOf(Product);
      expect(instance?.isNewRecord).toBe(false);
    });
  });

  describe('single-row finders', () => {
    it('findOne and findByPk', async () => {
      expect((await Product.findOne({ where: { category: 'veg' }, order: [['price', 'DESC']] }))?.get('name')).toBe('Eggplant');
      expect((await Product.findByPk(4))?.get({ plain: true })).toEqual({ id: 4, name: 'apricot', category: 'fruit', price: 5, stock: 7 });
      expect((await Product.findByPk('4'))?.get('id')).toBe(4);
      expect(await Product.findByPk(404)).toBeNull();
      expect(await Product.findOne({ where: { name: 'nope' } })).toBeNull();
    });

    it('rejectOnEmpty throws EmptyResultError (or the given error)', async () => {
      const empty = await Product.findOne({ where: { id: 404 }, rejectOnEmpty: true }).catch((e: unknown) => e);
      expect(empty).toBeInstanceOf(EmptyResultError);
      expect((empty as Error).name).toBe('SequelizeEmptyResultError');
      await expect(Product.findByPk(404, { rejectOnEmpty: true })).rejects.toBeInstanceOf(EmptyResultError);
      const custom = new Error('custom 404');
      await expect(Product.findOne({ where: { id: 404 }, rejectOnEmpty: custom })).rejects.toBe(custom);
      expect((await Product.findOne({ where: { id: 1 }, rejectOnEmpty: true }))?.get('id')).toBe(1);
    });

    it('findOrCreate finds an existing row, else creates it with where + defaults', async () => {
      const [found, createdFound] = await Product.findOrCreate({ where: { name: 'Apple' }, defaults: { category: 'x', price: 99 } });
      expect([found.get('id'), found.get('price'), createdFound]).toEqual([1, 3, false]);
      const [made, createdMade] = await Product.findOrCreate({ where: { name: 'Fig' }, defaults: { category: 'fruit', price: 7 } });
      expect([made.get('id'), made.get('name'), made.get('price'), createdMade]).toEqual([7, 'Fig', 7, true]);
      const [again, createdAgain] = await Product.findOrCreate({ where: { name: 'Fig' }, defaults: { category: 'fruit', price: 8 } });
      expect([again.get('id'), again.get('price'), createdAgain]).toEqual([7, 7, false]);
      expect(await Product.count({ where: { name: 'Fig' } })).toBe(1);
      await Product.destroy({ where: { name: 'Fig' } });
    });
  });

  describe('counts and aggregates', () => {
    it('findAndCountAll counts every match and returns one page', async () => {
      const { count, rows } = await Product.findAndCountAll({ where: { category: 'fruit' }, order: [['id', 'ASC']], limit: 2 });
      expect(count).toBe(3);
      expect(rows.map((r) => r.get('id'))).toEqual([1, 2]);
    });

    it('count, with where, distinct and col', async () => {
      expect(await Product.count()).toBe(6);
      expect(await Product.count({ where: { category: 'veg', price: { [Op.gt]: 2 } } })).toBe(2);
      expect(await Product.count({ col: 'stock' })).toBe(4);
      expect(await Product.count({ distinct: true, col: 'category' })).toBe(2);
    });

    it('max, min, sum', async () => {
      expect(await Product.max('price')).toBe(6);
      expect(await Product.min('price')).toBe(1);
      expect(await Product.sum('price')).toBe(21);
      expect(await Product.sum('price', { where: { category: 'fruit' } })).toBe(9);
      expect(await Product.max('price', { where: { category: 'nope' } })).toBeNull();
      // Sequelize's sum over no rows is null (SQL's SUM of nothing), not 0.
      expect(await Product.sum('price', { where: { category: 'nope' } })).toBeNull();
      expect(await Product.max('name', { where: { category: 'veg' } })).toBe('Eggplant');
    });

    it('paranoid rows are hidden unless paranoid: false', async () => {
      expect((await Doc.findAll({ order: [['id', 'ASC']] })).map((d) => d.get('title'))).toEqual(['a', 'c']);
      expect((await Doc.findAll({ paranoid: false, order: [['id', 'ASC']] })).map((d) => d.get('title'))).toEqual(['a', 'b', 'c']);
      expect(await Doc.count()).toBe(2);
      expect(await Doc.count({ paranoid: false })).toBe(3);
      expect(await Doc.findByPk(2)).toBeNull();
      expect((await Doc.findByPk(2, { paranoid: false }))?.get('title')).toBe('b');
    });
  });
});
