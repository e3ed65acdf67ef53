import { expect, it } from 'vitest';
import { DataTypes, Relata } from '../../src/index.js';

// A batched load gathers its rows into one list: 130,000 rows (past what `list.push(...rows)` can
// pass as arguments, about 120,000) load whole, through a hasMany include, a belongsToMany include
// and the lazy getters. SQLite in memory: the size is the point, not the dialect.
it('a batched include or getter of 130,000 rows loads them all', { timeout: 120_000 }, async () => {
  const relata = new Relata('sqlite::memory:', { logging: false, includeStrategy: 'batched', define: { timestamps: false } });
  const Owner = relata.define('LbOwner', { name: DataTypes.STRING }, { timestamps: false });
  const Item = relata.define('LbItem', { n: DataTypes.INTEGER }, { timestamps: false });
  const Tag = relata.define('LbTag', { n: DataTypes.INTEGER }, { timestamps: false });
  Owner.hasMany(Item, { as: 'items', foreignKey: 'ownerId' });
  Owner.belongsToMany(Tag, { through: 'LbOwnerTags', as: 'tags', foreignKey: 'ownerId', otherKey: 'tagId' });
  await relata.sync();
  const count = 130_000;
  const owner = await Owner.create({ name: 'o' });
  await Item.bulkCreate(Array.from({ length: count }, (_, i) => ({ n: i, ownerId: owner.get('id') })));
  await Tag.bulkCreate(Array.from({ length: count }, (_, i) => ({ n: i })));
  await relata.query('INSERT INTO "LbOwnerTags" ("ownerId", "tagId") SELECT 1, "id" FROM "LbTags"');

  const [loaded] = await Owner.findAll({ include: [{ model: Item, as: 'items' }, { model: Tag, as: 'tags' }] });
  const items = loaded?.get('items') as { get(k: string): unknown }[];
  const tags = loaded?.get('tags') as { get(k: string): unknown }[];
  expect(items).toHaveLength(count);
  expect(tags).toHaveLength(count);
  expect(items.reduce((sum, i) => sum + (i.get('n') as number), 0)).toBe((count * (count - 1)) / 2);
  expect(tags.reduce((sum, t) => sum + (t.get('n') as number), 0)).toBe((count * (count - 1)) / 2);

  const lazy = owner as unknown as { getItems(): Promise<unknown[]>; getTags(): Promise<unknown[]> };
  expect(await lazy.getItems()).toHaveLength(count);
  expect(await lazy.getTags()).toHaveLength(count);
  await relata.close();
});
