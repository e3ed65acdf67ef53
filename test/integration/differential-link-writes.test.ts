/**
 * Link writers as Sequelize code observes them, on sequelize@6 and on relata on every dialect:
 * the statements a call's `logging` sees (Sequelize's own tests count them), and links of a
 * self-association written at once, which must all land (on MariaDB relata's source-row lock could
 * deadlock there; the accessor runs again instead).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects.js';
import { pairedLibraries, type Lib } from '../support/paired-libraries.js';

type AnyModel = any;
interface Db {
  define(name: string, attributes: object, options?: object): AnyModel;
  sync(options?: object): Promise<unknown>;
}

describeEachDialect('link writers seen from logging and under concurrency, relata against sequelize@6', ({ dialect, connect, url }) => {
  const { dbs, types } = pairedLibraries<Db>({ dialect, connect, url });

  async function both<T>(scenario: (db: Db, lib: Lib) => Promise<T>): Promise<Record<Lib, T>> {
    return { sequelize: await scenario(dbs.sequelize, 'sequelize'), relata: await scenario(dbs.relata, 'relata') };
  }

  it('setX, setX(null), addX and hasMany setX log one statement per read and write, as in Sequelize', async () => {
    const results = await both(async (db, lib) => {
      const T = types[lib];
      const User = db.define('LwUser', { name: T.STRING });
      const Task = db.define('LwTask', { title: T.STRING });
      const Note = db.define('LwNote', { body: T.STRING });
      User.belongsToMany(Task, { through: 'LwUserTasks' });
      Task.belongsToMany(User, { through: 'LwUserTasks' });
      User.hasMany(Note);
      await db.sync({ force: true });
      const user = await User.create({ name: 'ada' });
      const [t1, t2, t3] = await Promise.all([Task.create({ title: 'a' }), Task.create({ title: 'b' }), Task.create({ title: 'c' })]);
      const notes = await Promise.all([Note.create({ body: 'x' }), Note.create({ body: 'y' })]);
      const counted = async (fn: (logging: (sql: string) => void) => Promise<unknown>) => {
        const seen: string[] = [];
        await fn((sql) => seen.push(sql.replace(/^Executing \([^)]*\): /, '').split(' ')[0]!.toUpperCase()));
        return seen;
      };
      return {
        set: await counted((logging) => user.setLwTasks([t1, t2], { logging })),
        add: await counted((logging) => user.addLwTask(t3, { logging })),
        setNull: await counted((logging) => user.setLwTasks(null, { logging })),
        hasManySet: await counted((logging) => user.setLwNotes(notes, { logging })),
        links: (await user.getLwTasks()).length,
        notes: (await user.getLwNotes()).length,
      };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toMatchObject({ set: ['SELECT', 'INSERT'], add: ['SELECT', 'INSERT'], setNull: ['SELECT', 'DELETE'], hasManySet: ['SELECT', 'UPDATE'], links: 0, notes: 2 });
  });

  it('a self-association linked from three rows at once writes every link', async () => {
    const results = await both(async (db, lib) => {
      const T = types[lib];
      const Person = db.define('LwPerson', { name: T.STRING(100) });
      const Follow = db.define('LwFollow', {});
      Person.belongsToMany(Person, { through: Follow, as: 'Idol' });
      Person.belongsToMany(Person, { through: Follow, as: 'Fan' });
      await db.sync({ force: true });
      const people = await Promise.all([Person.create({ name: 'k' }), Person.create({ name: 'v' }), Person.create({ name: 's' })]);
      await Promise.all([people[0].addFan(people[1]), people[1].addIdol(people[2]), people[2].addFan(people[0])]);
      const fans = await Promise.all(people.map(async (p: AnyModel) => (await p.getFan()).map((f: AnyModel) => f.name).sort()));
      return { fans, rows: await Follow.count() };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata.rows).toBe(3);
  });
});
