/**
 * TypeORM's entity listeners (@BeforeInsert() … @AfterLoad()) on TypeORM and on relata/typeorm,
 * with the calls each entity received and the rows written compared: save() calls
 * BeforeInsert/AfterInsert on the entities it inserts and BeforeUpdate/AfterUpdate on those it
 * updates (only those with changes), and what a Before listener sets is written; entities saved by
 * cascade get theirs; remove, softRemove and recover call theirs; find* and preload call AfterLoad on
 * every loaded entity, related ones included; `listeners: false` and the criteria writes call none.
 *
 * Where they differ: TypeORM's save, remove, softRemove and recover load their own copies of the
 * existing rows, and AfterLoad runs on those copies (even with `listeners: false`); relata makes no
 * such copies, so those calls are not made. The test 'TypeORM also calls AfterLoad on the copies …'
 * shows it.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeEach, expect, it } from 'vitest';
import { DecoratorError } from '../../src/index.js';
import * as RelataTypeorm from '../../src/typeorm/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { typeormTwin, type TwinSide, type TypeormApi } from '../support/typeorm-twin.js';

/** The calls, as `Class.listener(name)`, in the order made. */
const calls: string[] = [];

function record(entity: object, listener: string): void {
  const named = entity as { name?: unknown; title?: unknown; label?: unknown };
  calls.push(`${entity.constructor.name}.${listener}(${String(named.name ?? named.title ?? named.label)})`);
}

/**
 * The calls made since the last take, without the AfterLoad calls (see the last test), sorted:
 * the order across an entity graph differs (TypeORM calls every Before listener before its first
 * statement, relata those of each level of the graph before its statements). Every Before call
 * still comes before every After call: `ordered` says so.
 */
function taken(): string[] {
  const made = calls.splice(0).filter((call) => !call.includes('.AfterLoad('));
  const firstAfter = made.findIndex((call) => /\.(base:)?After/.test(call));
  const ordered = firstAfter === -1 || made.slice(firstAfter).every((call) => /\.(base:)?After/.test(call));
  return [...made].sort().concat(ordered ? [] : ['(a Before call after an After call)']);
}

function define(L: TypeormApi) {
  /** A base class that is no entity: its listeners apply to the entities extending it. */
  abstract class Recorded {
    @L.AfterInsert() baseAfterInsert(): void {
      record(this, 'base:AfterInsert');
    }
  }
  @L.Entity('ls_user')
  class User extends Recorded {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') name!: string;
    @L.Column('varchar', { nullable: true }) slug!: string | null;
    @L.Column('int', { default: 0 }) edits!: number;
    @L.OneToMany(() => Post, (post) => post.author, { cascade: true }) posts!: Post[];
    /** Not a column: set by AfterLoad. */
    display?: string;
    @L.BeforeInsert() setSlug(): void {
      record(this, 'BeforeInsert');
      this.slug = this.name.toLowerCase().replace(/ /g, '-');
    }
    @L.AfterInsert() afterInsert(): void {
      record(this, `AfterInsert#${this.id}`);
    }
    @L.BeforeUpdate() countEdit(): void {
      record(this, 'BeforeUpdate');
      this.edits = (this.edits ?? 0) + 1;
      this.slug = this.name.toLowerCase().replace(/ /g, '-');
    }
    @L.AfterUpdate() afterUpdate(): void {
      record(this, `AfterUpdate#${this.edits}`);
    }
    @L.BeforeRemove() beforeRemove(): void {
      record(this, `BeforeRemove#${this.id}`);
    }
    @L.AfterRemove() afterRemove(): void {
      record(this, `AfterRemove#${String(this.id)}`);
    }
    @L.AfterLoad() afterLoad(): void {
      record(this, 'AfterLoad');
      this.display = `${this.name} (${this.id})`;
    }
  }
  @L.Entity('ls_tag')
  class Tag {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') label!: string;
    @L.BeforeInsert() upper(): void {
      record(this, 'BeforeInsert');
      this.label = this.label.toUpperCase();
    }
    @L.AfterLoad() afterLoad(): void {
      record(this, 'AfterLoad');
    }
  }
  @L.Entity('ls_post')
  class Post {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') title!: string;
    @L.Column('varchar', { nullable: true }) stamp!: string | null;
    @L.DeleteDateColumn() deletedAt!: Date | null;
    @L.ManyToOne(() => User, (user) => user.posts, { nullable: true, onDelete: 'CASCADE', cascade: ['insert'] }) author!: User | null;
    @L.ManyToMany(() => Tag, { cascade: ['insert'] }) @L.JoinTable({ name: 'ls_post_tags' }) tags!: Tag[];
    /** An async listener: its promise is awaited before the row is written. */
    @L.BeforeInsert() async stampIt(): Promise<void> {
      record(this, 'BeforeInsert');
      await new Promise((resolve) => setTimeout(resolve, 5));
      this.stamp = `stamped:${this.title}`;
    }
    @L.AfterInsert() afterInsert(): void {
      record(this, `AfterInsert:${this.stamp}`);
    }
    @L.BeforeUpdate() beforeUpdate(): void {
      record(this, 'BeforeUpdate');
    }
    @L.AfterUpdate() afterUpdate(): void {
      record(this, 'AfterUpdate');
    }
    @L.BeforeRemove() beforeRemove(): void {
      record(this, 'BeforeRemove');
    }
    @L.AfterRemove() afterRemove(): void {
      record(this, 'AfterRemove');
    }
    @L.BeforeSoftRemove() beforeSoftRemove(): void {
      record(this, `BeforeSoftRemove:${String(this.deletedAt ?? null)}`);
    }
    @L.AfterSoftRemove() afterSoftRemove(): void {
      record(this, `AfterSoftRemove:${this.deletedAt instanceof Date}`);
    }
    @L.BeforeRecover() beforeRecover(): void {
      record(this, 'BeforeRecover');
    }
    @L.AfterRecover() async afterRecover(): Promise<void> {
      await Promise.resolve();
      record(this, `AfterRecover:${String(this.deletedAt)}`);
    }
    @L.AfterLoad() afterLoad(): void {
      record(this, 'AfterLoad');
    }
  }
  return { User, Post, Tag };
}

type Entities = ReturnType<typeof define>;

describeEachDialect('relata/typeorm: entity listeners', (block) => {
  const twin = typeormTwin(block, define);
  beforeEach(async () => {
    await twin.clear();
    calls.length = 0;
  });

  /** Every row of both tables and the junction, by id, soft-deleted ones included. */
  async function rows({ dataSource, entities: { User, Post } }: TwinSide<Entities>): Promise<unknown> {
    const users = await dataSource.getRepository(User).find({ order: { id: 'ASC' } });
    const posts = await dataSource.getRepository(Post).find({ relations: { tags: true }, withDeleted: true, order: { id: 'ASC', tags: { id: 'ASC' } } });
    calls.length = 0;
    const plain = twin.plain({ users, posts }) as { users: Record<string, unknown>[] };
    for (const user of plain.users) delete user['display'];
    return plain;
  }

  it('save() of new entities: BeforeInsert on each (sync and async) sets columns that are written, cascaded entities included; AfterInsert after, with the ids', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post, Tag } = side.entities;
      const user = Object.assign(new User(), { name: 'Ada Lovelace' });
      const tag = Object.assign(new Tag(), { label: 'math' });
      user.posts = [Object.assign(new Post(), { title: 'one', tags: [tag] }), Object.assign(new Post(), { title: 'two' })];
      await side.dataSource.getRepository(User).save(user);
      const inserted = taken();
      // A new post whose new author is saved by the many-to-one's cascade.
      await side.dataSource.getRepository(Post).save(Object.assign(new Post(), { title: 'three', author: Object.assign(new User(), { name: 'Bob B' }) }));
      const cascadedParent = taken();
      return { inserted, cascadedParent, slug: user.slug, stamps: user.posts.map((post) => post.stamp), label: tag.label, rows: await rows(side) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.slug).toBe('ada-lovelace');
    expect(result.relata.stamps).toEqual(['stamped:one', 'stamped:two']);
    expect(result.relata.label).toBe('MATH');
    expect(result.relata.inserted).toEqual(
      [
        'User.BeforeInsert(Ada Lovelace)',
        'Post.BeforeInsert(one)',
        'Tag.BeforeInsert(math)',
        'Post.BeforeInsert(two)',
        'User.base:AfterInsert(Ada Lovelace)',
        'User.AfterInsert#1(Ada Lovelace)',
        'Post.AfterInsert:stamped:one(one)',
        'Post.AfterInsert:stamped:two(two)',
      ].sort(),
    );
    expect(result.relata.cascadedParent).toEqual(['Post.BeforeInsert(three)', 'User.BeforeInsert(Bob B)', 'User.base:AfterInsert(Bob B)', 'User.AfterInsert#2(Bob B)', 'Post.AfterInsert:stamped:three(three)'].sort());
    expect(result.relata.rows).toEqual({
      users: [
        { id: 1, name: 'Ada Lovelace', slug: 'ada-lovelace', edits: 0 },
        { id: 2, name: 'Bob B', slug: 'bob-b', edits: 0 },
      ],
      posts: [
        { id: 1, title: 'one', stamp: 'stamped:one', deletedAt: null, tags: [{ id: 1, label: 'MATH' }] },
        { id: 2, title: 'two', stamp: 'stamped:two', deletedAt: null, tags: [] },
        { id: 3, title: 'three', stamp: 'stamped:three', deletedAt: null, tags: [] },
      ],
    });
  });

  it('save() of loaded entities: BeforeUpdate only on those with changes, what it sets is written; AfterUpdate after; a new child of an unchanged parent gets BeforeInsert alone', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      const user = Object.assign(new User(), { name: 'Ada Lovelace', posts: [Object.assign(new Post(), { title: 'one' }), Object.assign(new Post(), { title: 'two' })] });
      await users.save(user);
      calls.length = 0;
      await users.save(user);
      const unchanged = taken();
      user.name = 'Ada King';
      await users.save(user);
      const changed = taken();
      user.posts.push(Object.assign(new Post(), { title: 'three' }));
      await users.save(user);
      const newChild = taken();
      // Loaded by a find, changed, saved: the loaded entity gets the calls.
      const [loaded] = await users.find({ where: { id: user.id }, relations: { posts: true }, order: { posts: { id: 'ASC' } } });
      calls.length = 0;
      loaded!.posts[0]!.title = 'first';
      loaded!.name = 'Countess';
      await users.save(loaded!);
      const loadedChanged = taken();
      return { unchanged, changed, newChild, loadedChanged, edits: [user.edits, loaded!.edits], rows: await rows(side) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.unchanged).toEqual([]);
    expect(result.relata.changed).toEqual(['User.AfterUpdate#1(Ada King)', 'User.BeforeUpdate(Ada King)']);
    expect(result.relata.newChild).toEqual(['Post.AfterInsert:stamped:three(three)', 'Post.BeforeInsert(three)']);
    expect(result.relata.loadedChanged).toEqual(['Post.AfterUpdate(first)', 'Post.BeforeUpdate(first)', 'User.AfterUpdate#2(Countess)', 'User.BeforeUpdate(Countess)']);
    expect(result.relata.rows).toEqual({
      users: [{ id: 1, name: 'Countess', slug: 'countess', edits: 2 }],
      posts: [
        { id: 1, title: 'first', stamp: 'stamped:one', deletedAt: null, tags: [] },
        { id: 2, title: 'two', stamp: 'stamped:two', deletedAt: null, tags: [] },
        { id: 3, title: 'three', stamp: 'stamped:three', deletedAt: null, tags: [] },
      ],
    });
  });

  it('a loaded child moved to another parent\'s array is updated by that parent\'s save: BeforeUpdate and AfterUpdate on the child', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      await users.save(Object.assign(new User(), { name: 'Lu', posts: [Object.assign(new Post(), { title: 'moving' })] }));
      await users.save(Object.assign(new User(), { name: 'Mo' }));
      const [lu, mo] = await users.find({ relations: { posts: true }, order: { id: 'ASC' } });
      calls.length = 0;
      mo!.posts = [...lu!.posts];
      await users.save(mo!);
      return { moved: taken(), rows: await rows(side) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.moved).toEqual(['Post.AfterUpdate(moving)', 'Post.BeforeUpdate(moving)']);
  });

  it('manager.save() calls them as repository.save() does; a plain object (no entity instance) gets none', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const user = await side.dataSource.manager.save(Object.assign(new User(), { name: 'Cy D' }));
      const managed = taken();
      user.name = 'Cy E';
      await side.dataSource.manager.save(user);
      const managedUpdate = taken();
      await side.dataSource.getRepository(User).save({ name: 'Plain P', posts: [{ title: 'plain post' }] });
      await side.dataSource.getRepository(Post).save({ title: 'orphan' });
      const plain = taken();
      return { managed, managedUpdate, plain, rows: await rows(side) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.managed).toEqual(['User.AfterInsert#1(Cy D)', 'User.BeforeInsert(Cy D)', 'User.base:AfterInsert(Cy D)']);
    expect(result.relata.managedUpdate).toEqual(['User.AfterUpdate#1(Cy E)', 'User.BeforeUpdate(Cy E)']);
    expect(result.relata.plain).toEqual([]);
    expect(result.relata.rows).toEqual({
      users: [
        { id: 1, name: 'Cy E', slug: 'cy-e', edits: 1 },
        { id: 2, name: 'Plain P', slug: null, edits: 0 },
      ],
      posts: [
        { id: 1, title: 'plain post', stamp: null, deletedAt: null, tags: [] },
        { id: 2, title: 'orphan', stamp: null, deletedAt: null, tags: [] },
      ],
    });
  });

  it('remove() calls BeforeRemove and AfterRemove on the entity and the children it cascades to (AfterRemove sees the key unset); softRemove() and recover() call theirs', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      const posts = side.dataSource.getRepository(Post);
      const user = await users.save(Object.assign(new User(), { name: 'Dee', posts: [Object.assign(new Post(), { title: 'one' }), Object.assign(new Post(), { title: 'two' })] }));
      const other = await users.save(Object.assign(new User(), { name: 'Eve', posts: [Object.assign(new Post(), { title: 'kept' })] }));
      calls.length = 0;
      await posts.softRemove(other.posts[0]!);
      const softRemoved = taken();
      await posts.recover(other.posts[0]!);
      const recovered = taken();
      await users.remove(user);
      // The remove order, kept: BeforeRemove on the entity given first, then its children; AfterRemove the other way round.
      const removedInOrder = calls.splice(0).filter((call) => !call.includes('.AfterLoad('));
      return { softRemoved, recovered, removedInOrder, ids: [user.id ?? null, user.posts.map((post) => post.id ?? null)], rows: await rows(side) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.softRemoved).toEqual(['Post.AfterSoftRemove:true(kept)', 'Post.BeforeSoftRemove:null(kept)']);
    expect(result.relata.recovered).toEqual(['Post.AfterRecover:null(kept)', 'Post.BeforeRecover(kept)']);
    expect(result.relata.removedInOrder).toEqual([
      'User.BeforeRemove#1(Dee)',
      'Post.BeforeRemove(one)',
      'Post.BeforeRemove(two)',
      'Post.AfterRemove(one)',
      'Post.AfterRemove(two)',
      'User.AfterRemove#undefined(Dee)',
    ]);
    expect(result.relata.ids).toEqual([null, [null, null]]);
    expect(result.relata.rows).toEqual({
      users: [{ id: 2, name: 'Eve', slug: 'eve', edits: 0 }],
      posts: [{ id: 3, title: 'kept', stamp: 'stamped:kept', deletedAt: null, tags: [] }],
    });
  });

  it('find, findOne, findBy, findOneBy, findAndCount call AfterLoad on every entity loaded, related ones included (before the entity holding them)', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post, Tag } = side.entities;
      const users = side.dataSource.getRepository(User);
      const posts = side.dataSource.getRepository(Post);
      await users.save(Object.assign(new User(), { name: 'Fay', posts: [Object.assign(new Post(), { title: 'p1', tags: [Object.assign(new Tag(), { label: 'x' })] }), Object.assign(new Post(), { title: 'p2' })] }));
      await users.save(Object.assign(new User(), { name: 'Gus' }));
      calls.length = 0;
      const out: Record<string, unknown> = {};
      const found = await users.find({ relations: { posts: { tags: true } }, order: { id: 'ASC', posts: { id: 'ASC' } } });
      out['find'] = calls.splice(0);
      out['display'] = found.map((user) => user.display);
      await users.findOne({ where: { name: 'Gus' } });
      out['findOne'] = calls.splice(0);
      await users.findBy({ name: 'Fay' });
      out['findBy'] = calls.splice(0);
      await posts.findOneBy({ title: 'p2' });
      out['findOneBy'] = calls.splice(0);
      const [page, total] = await posts.findAndCount({ relations: { author: true }, order: { id: 'ASC' } });
      out['findAndCount'] = [calls.splice(0).sort(), page.map((post) => post.author?.display), total];
      await users.findOne({ where: { name: 'nobody' } });
      await users.count();
      out['none'] = calls.splice(0);
      return out;
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({
      // Related entities first, per relation, then the entities holding them.
      find: ['Tag.AfterLoad(X)', 'Post.AfterLoad(p1)', 'Post.AfterLoad(p2)', 'User.AfterLoad(Fay)', 'User.AfterLoad(Gus)'],
      display: ['Fay (1)', 'Gus (2)'],
      findOne: ['User.AfterLoad(Gus)'],
      findBy: ['User.AfterLoad(Fay)'],
      findOneBy: ['Post.AfterLoad(p2)'],
      findAndCount: [['Post.AfterLoad(p1)', 'Post.AfterLoad(p2)', 'User.AfterLoad(Fay)', 'User.AfterLoad(Fay)'], ['Fay (1)', 'Fay (1)'], 2],
      none: [],
    });
  });

  it('preload() calls AfterLoad on the entity it loads (and the relations it loads with it)', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      await users.save(Object.assign(new User(), { name: 'Kim', posts: [Object.assign(new Post(), { title: 'k1' })] }));
      calls.length = 0;
      const preloaded = await users.preload({ id: 1, name: 'Kim L' });
      const plainOnly = calls.splice(0);
      const withPosts = await users.preload({ id: 1, posts: [{ id: 1, title: 'k1 edited' }] });
      const withRelation = calls.splice(0).sort();
      const missing = await users.preload({ id: 99, name: 'nobody' });
      return { plainOnly, withRelation, display: [preloaded?.display, withPosts?.display], names: [preloaded?.name, withPosts?.posts[0]?.title], missing: missing ?? null, none: calls.splice(0) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({
      plainOnly: ['User.AfterLoad(Kim)'],
      withRelation: ['Post.AfterLoad(k1)', 'User.AfterLoad(Kim)'],
      // AfterLoad saw the row as loaded; the values given were merged in after it.
      display: ['Kim (1)', 'Kim (1)'],
      names: ['Kim L', 'k1 edited'],
      missing: null,
      none: [],
    });
  });

  it('listeners: false on save and remove calls none, and nothing a listener would set is written', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      const user = await users.save(Object.assign(new User(), { name: 'Hal', posts: [Object.assign(new Post(), { title: 'quiet' })] }), { listeners: false });
      user.name = 'Hal II';
      await users.save(user, { listeners: false });
      const saved = taken();
      const rowsAfterSave = await rows(side);
      await side.dataSource.getRepository(Post).softRemove(user.posts[0]!, { listeners: false });
      await users.remove(user, { listeners: false });
      return { saved, removed: taken(), rowsAfterSave, rows: await rows(side) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({
      saved: [],
      removed: [],
      rowsAfterSave: {
        users: [{ id: 1, name: 'Hal II', slug: null, edits: 0 }],
        posts: [{ id: 1, title: 'quiet', stamp: null, deletedAt: null, tags: [] }],
      },
      rows: { users: [], posts: [] },
    });
  });

  it('insert, update, delete, softDelete and restore (writes by criteria) call no listener', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      const posts = side.dataSource.getRepository(Post);
      await users.insert({ name: 'Ida' });
      await users.update({ name: 'Ida' }, { name: 'Ida J' });
      await posts.insert({ title: 'raw' });
      await posts.softDelete({ title: 'raw' });
      await posts.restore({ title: 'raw' });
      await posts.delete({ title: 'raw' });
      return { calls: calls.splice(0), rows: await rows(side) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ calls: [], rows: { users: [{ id: 1, name: 'Ida J', slug: null, edits: 0 }], posts: [] } });
  });

  it('TypeORM also calls AfterLoad on the copies of the rows that save, remove, softRemove and recover load, even with listeners: false; relata loads no such entities and calls none', async () => {
    const result = await twin.both(async (side) => {
      const { User, Post } = side.entities;
      const users = side.dataSource.getRepository(User);
      const user = await users.save(Object.assign(new User(), { name: 'Jo', posts: [Object.assign(new Post(), { title: 'j1' })] }));
      calls.length = 0;
      await users.save(user);
      await users.save(user, { listeners: false });
      const onSave = calls.splice(0).sort();
      await users.remove(user);
      const onRemove = calls.splice(0).filter((call) => call.includes('.AfterLoad(')).sort();
      return { onSave, onRemove, display: user.display ?? null };
    });
    expect(result.typeorm).toEqual({ onSave: ['Post.AfterLoad(j1)', 'Post.AfterLoad(j1)', 'User.AfterLoad(Jo)', 'User.AfterLoad(Jo)'], onRemove: ['Post.AfterLoad(j1)', 'User.AfterLoad(Jo)'], display: null });
    expect(result.relata).toEqual({ onSave: [], onRemove: [], display: null });
  });
});

describeEachDialect('relata/typeorm: entity listener decorators', () => {
  it('a listener decorator on a static method is refused with a DecoratorError naming the method', () => {
    const apply = (): void => {
      class Job {
        @RelataTypeorm.BeforeInsert() static prepare(): void {}
      }
      void Job;
    };
    expect(apply).toThrow(DecoratorError);
    expect(apply).toThrow('@BeforeInsert() on static prepare: entity listeners are instance methods');
  });
});

/** An entity compiled with standard (TC39) decorators, run by tsx with a tsconfig without experimentalDecorators. */
const STANDARD_ENTITY = `
import { AfterInsert, AfterLoad, BeforeInsert, BeforeUpdate, Column, DataSource, Entity, PrimaryGeneratedColumn } from '../../src/typeorm/index.js';
const calls: string[] = [];
@Entity('tc_user')
class User {
  @PrimaryGeneratedColumn() id!: number;
  @Column('varchar') name!: string;
  @Column('varchar', { nullable: true }) slug!: string | null;
  @BeforeInsert() setSlug(): void { calls.push('BeforeInsert'); this.slug = this.name.toLowerCase(); }
  @AfterInsert() async inserted(): Promise<void> { calls.push('AfterInsert#' + this.id); }
  @BeforeUpdate() touch(): void { calls.push('BeforeUpdate'); this.slug = this.name.toLowerCase(); }
  @AfterLoad() loaded(): void { calls.push('AfterLoad:' + this.name); }
}
const dataSource = new DataSource({ type: 'sqlite', database: ':memory:', entities: [User], synchronize: true });
await dataSource.initialize();
const users = dataSource.getRepository(User);
const user = await users.save(Object.assign(new User(), { name: 'ADA' }));
user.name = 'BOB';
await users.save(user);
const rows = await users.find();
console.log(JSON.stringify({ calls, rows }));
await dataSource.destroy();
`;

it('the listener decorators work as standard (TC39) decorators too', async () => {
  const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
  const dir = join(root, '.tmp', `listeners-tc39-${process.pid}-${Date.now().toString(36)}`);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(join(dir, 'entity.ts'), STANDARD_ENTITY);
    const compilerOptions = { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, experimentalDecorators: false, useDefineForClassFields: true };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, files: ['entity.ts'] }));
    const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [tsx, '--tsconfig', join(dir, 'tsconfig.json'), join(dir, 'entity.ts')], { cwd: root, timeout: 60_000 });
    expect(JSON.parse(stdout.trim().split('\n').pop() ?? '')).toEqual({
      calls: ['BeforeInsert', 'AfterInsert#1', 'BeforeUpdate', 'AfterLoad:BOB'],
      rows: [{ id: 1, name: 'BOB', slug: 'bob' }],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);
