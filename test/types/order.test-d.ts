/**
 * `order` on a typed model takes literal(), fn() and col() alone, in lists, with directions, and
 * `[col(), direction]` without the inner brackets; an unknown attribute name stays an error.
 */
import { describe, it } from 'vitest';
import { Model, col, fn, literal, type CreationOptional, type InferAttributes, type InferCreationAttributes } from '../../src/index.js';

class Book extends Model<InferAttributes<Book>, InferCreationAttributes<Book>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare year: number;
}

describe('order', () => {
  it('accepts expressions as Sequelize writes them', () => {
    void Book.findAll({ order: literal('year DESC') });
    void Book.findAll({ order: fn('lower', col('title')) });
    void Book.findAll({ order: [literal('year DESC'), 'title'] });
    void Book.findAll({ order: [[fn('lower', col('title')), 'DESC']] });
    void Book.findAll({ order: [[col('year'), 'DESC NULLS LAST'], ['title', 'ASC']] });
    void Book.findAll({ order: [col('title'), 'ASC'] });
  });

  it('rejects an attribute the model does not have', () => {
    // @ts-expect-error: 'titel' is not an attribute of Book
    void Book.findAll({ order: 'titel' });
  });
});
