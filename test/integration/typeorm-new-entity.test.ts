/**
 * Entities built the way TypeORM code builds them: `new User()` then assignments, or
 * `Object.assign(new User(), dto)`, related entities built the same way, then `save()`. The
 * entity's constructor never reaches Model's (its class has no base class in the source), so
 * relata starts its state on the first value set through the prototype accessors, or adopts the
 * class fields a constructor defined as own properties (`useDefineForClassFields`, as this
 * project compiles). Run on TypeORM and relata, with the rows compared.
 */
import 'reflect-metadata';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDialect } from '../support/dialects.js';
import { typeormTwin, type TypeormApi } from '../support/typeorm-twin.js';

function define(L: TypeormApi) {
  // Fields defined as own properties by the constructor (useDefineForClassFields: true).
  @L.Entity('nu_user')
  class User {
    @L.PrimaryGeneratedColumn() id!: number;
    @L.Column('varchar') name!: string;
    @L.Column('varchar', { nullable: true }) email!: string | null;
    @L.OneToMany(() => Post, (post) => post.author, { cascade: true }) posts!: Post[];
  }
  // Fields only declared (what a target below ES2022 or useDefineForClassFields: false compiles to):
  // assignments go through relata's prototype accessors.
  @L.Entity('nu_post')
  class Post {
    @L.PrimaryGeneratedColumn() declare id: number;
    @L.Column('varchar') declare title: string;
    @L.ManyToOne(() => User, (user) => user.posts) declare author: User;
  }
  return { User, Post };
}

describeEachDialect('relata/typeorm: entities built with new', (block) => {
  const twin = typeormTwin(block, define);
  beforeEach(() => twin.clear());

  it('new User() with assigned fields and new Post() children saves the graph, and the objects get their ids', async () => {
    const result = await twin.both(async ({ dataSource, entities: { User, Post } }) => {
      const user = new User();
      user.name = 'ada';
      const first = new Post();
      first.title = 'one';
      const second = Object.assign(new Post(), { title: 'two' });
      user.posts = [first, second];
      const saved = await dataSource.getRepository(User).save(user);
      const found = await dataSource.getRepository(User).find({ relations: { posts: true }, order: { id: 'ASC', posts: { id: 'ASC' } } });
      return { same: saved === user, ids: [user.id, first.id, second.id], email: user.email ?? null, found: twin.plain(found) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata.same).toBe(true);
    expect(result.relata.ids).toEqual([1, 1, 2]);
    expect(result.relata.found).toEqual([{ id: 1, name: 'ada', email: null, posts: [{ id: 1, title: 'one' }, { id: 2, title: 'two' }] }]);
  });

  it('Object.assign(new User(), dto) saves, and a second save of the same object updates it', async () => {
    const result = await twin.both(async ({ dataSource, entities: { User } }) => {
      const users = dataSource.getRepository(User);
      const user = Object.assign(new User(), { name: 'bob', email: 'bob@example.com' });
      await users.save(user);
      user.email = 'robert@example.com';
      await users.save(user);
      return twin.plain(await users.find({ order: { id: 'ASC' } }));
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual([{ id: 1, name: 'bob', email: 'robert@example.com' }]);
  });

  it('a new Post() whose author is a new User() (declared fields, set through the accessors) is saved with its author by key', async () => {
    const result = await twin.both(async ({ dataSource, entities: { User, Post } }) => {
      const author = await dataSource.getRepository(User).save(Object.assign(new User(), { name: 'cy' }));
      const post = new Post();
      post.title = 'linked';
      post.author = author;
      await dataSource.getRepository(Post).save(post);
      return { title: post.title, postId: post.id, rows: twin.plain(await dataSource.getRepository(Post).find({ relations: { author: true } })) };
    });
    expect(result.relata).toEqual(result.typeorm);
    expect(result.relata).toEqual({ title: 'linked', postId: 1, rows: [{ id: 1, title: 'linked', author: { id: 1, name: 'cy', email: null } }] });
  });
});
