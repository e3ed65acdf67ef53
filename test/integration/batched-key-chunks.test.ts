import { beforeAll, describe, expect, it } from 'vitest';
import { DataTypes, type Model, type ModelStatic, type Relata } from '../../src/index.js';
import { captureSql, describeEachDialect } from '../support/dialects.js';

/**
 * A batched include over more parents than one statement may bind: the parents' keys are split
 * into chunks of (the dialect's parameter limit - 100) keys, one query per chunk (keyChunks in
 * src/associations/instances.ts). The included targets have a BLOB column, which JSON aggregates
 * cannot carry, so they load by the batched strategy on every dialect.
 */
const PARAMETER_LIMIT: Partial<Record<string, number>> = { sqlite: 32_766, mariadb: 65_535 };

type Row = Record<string, unknown>;

describeEachDialect('batched include loads past the bind-parameter limit', ({ dialect, connect }) => {
  const limit = PARAMETER_LIMIT[dialect];
  // SQLite in memory (sqlite-file reads the same way) and MariaDB; PostgreSQL binds a key list as one array.
  describe.runIf(limit !== undefined)('keys in two chunks', () => {
    const chunk = (limit ?? 0) - 100;
    // Five parents more than one chunk holds: two chunks, the second of five keys.
    const parents = chunk + 5;
    let relata: Relata;
    let User: ModelStatic<Model>;
    let File: ModelStatic<Model>;
    let Tag: ModelStatic<Model>;
    const sql = captureSql();
    /** Per user id: the labels of its files and the names of its tags, sorted. */
    const files = new Map<number, string[]>();
    const tags = new Map<number, string[]>();

    beforeAll(async () => {
      relata = await connect({ logging: sql.logging });
      User = relata.define('KcUser', { name: DataTypes.STRING }, { timestamps: false });
      File = relata.define('KcFile', { label: DataTypes.STRING, data: DataTypes.BLOB }, { timestamps: false });
      Tag = relata.define('KcTag', { name: DataTypes.STRING, icon: DataTypes.BLOB }, { timestamps: false });
      User.hasMany(File, { as: 'files', foreignKey: 'userId' });
      User.belongsToMany(Tag, { through: relata.define('KcUserTag', {}, { timestamps: false }), as: 'tags', foreignKey: 'userId', otherKey: 'tagId' });
      await relata.sync({ force: true });
      await User.bulkCreate(Array.from({ length: parents }, (_, i) => ({ id: i + 1, name: `u${i + 1}` })));
      await Tag.bulkCreate([1, 2, 3].map((id) => ({ id, name: `t${id}`, icon: Buffer.from([id]) })));
      // Every 7th user has no file, every 5th a second one; the last users (the second chunk) too.
      const fileRows: Row[] = [];
      const links: Row[] = [];
      for (let id = 1; id <= parents; id++) {
        const own: string[] = [];
        if (id % 7 !== 0) own.push(`f${id}`);
        if (id % 5 === 0) own.push(`f${id}b`);
        for (const label of own) fileRows.push({ label, data: Buffer.from(label), userId: id });
        files.set(id, own.sort());
        // Every user in one tag, every 11th in a second one.
        const tagIds = id % 11 === 0 ? [(id % 3) + 1, ((id + 1) % 3) + 1] : [(id % 3) + 1];
        for (const tagId of tagIds) links.push({ userId: id, tagId });
        tags.set(id, tagIds.map((t) => `t${t}`).sort());
      }
      await File.bulkCreate(fileRows);
      await relata.model('KcUserTag').bulkCreate(links);
    }, 120_000);

    /** The users whose loaded files or tags differ from what was inserted (by id, label and foreign key). */
    function misplaced(users: readonly Row[], read: (user: Row, as: string) => Row[]): string[] {
      const wrong: string[] = [];
      for (const user of users) {
        const id = Number(user['id']);
        const ownFiles = read(user, 'files');
        const labels = ownFiles.map((f) => String(f['label'])).sort();
        if (JSON.stringify(labels) !== JSON.stringify(files.get(id)) || ownFiles.some((f) => Number(f['userId']) !== id || !Buffer.from(String(f['label'])).equals(f['data'] as Buffer))) wrong.push(`files of ${id}: ${labels.join(',')}`);
        const names = read(user, 'tags').map((t) => String(t['name'])).sort();
        if (JSON.stringify(names) !== JSON.stringify(tags.get(id))) wrong.push(`tags of ${id}: ${names.join(',')}`);
      }
      return wrong.slice(0, 5);
    }

    /** The key lists of the child statements: how many keys each IN list bound. */
    function inListSizes(statements: readonly string[], table: string): number[] {
      return statements.filter((s) => s.includes(table) && / IN \(/i.test(s)).map((s) => (s.slice(s.search(/ IN \(/i)).match(/\?|\$\d+/g) ?? []).length);
    }

    it('loads a hasMany include with one query per chunk of parent keys, every child on its parent', async () => {
      sql.statements.length = 0;
      const users = await User.findAll({ include: [{ model: File, as: 'files' }, { model: Tag, as: 'tags' }], order: [['id', 'ASC']] });
      // The users' query, then two chunks for the files and two for the tags through the junction.
      expect(sql.statements).toHaveLength(5);
      expect(inListSizes(sql.statements, 'KcFiles')).toEqual([chunk, 5]);
      expect(users).toHaveLength(parents);
      expect(users.at(-1)?.get('id')).toBe(parents);
      expect(misplaced(users.map((u) => u.get({ plain: true }) as Row), (u, as) => u[as] as Row[])).toEqual([]);
      expect((users.at(-1)?.get('files') as Model[]).map((f) => f.get('label')).sort()).toEqual(files.get(parents));
    }, 60_000);

    it('loads the same with raw: true into plain rows, chunked the same way', async () => {
      sql.statements.length = 0;
      const users = (await User.findAll({ include: [{ model: File, as: 'files' }, { model: Tag, as: 'tags' }], order: [['id', 'ASC']], raw: true })) as unknown as Row[];
      expect(sql.statements).toHaveLength(5);
      expect(inListSizes(sql.statements, 'KcFiles')).toEqual([chunk, 5]);
      expect(users).toHaveLength(parents);
      expect(users.every((u) => Object.getPrototypeOf(u) === Object.prototype && (u['files'] as Row[]).every((f) => Object.getPrototypeOf(f) === Object.prototype))).toBe(true);
      expect(misplaced(users, (u, as) => u[as] as Row[])).toEqual([]);
      // The last parents are in the second chunk.
      const last = users.at(-1) as Row;
      const lastFiles = (last['files'] as Row[]).sort((a, b) => String(a['label']).localeCompare(String(b['label'])));
      expect({ ...last, files: lastFiles }).toEqual({
        id: parents,
        name: `u${parents}`,
        files: files.get(parents)?.map((label) => ({ id: expect.any(Number), label, data: Buffer.from(label), userId: parents })),
        tags: expect.any(Array),
      });
      expect(files.get(parents)?.length).toBeGreaterThan(0);
    }, 60_000);
  });
});
