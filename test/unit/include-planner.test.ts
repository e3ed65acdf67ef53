import { describe, expect, it } from 'vitest';
import { DataTypes, EagerLoadingError, Relata, type Model, type ModelStatic } from '../../src/index.js';
import { planJoins } from '../../src/query/include/join-plan.js';
import { normalizeIncludes, type IncludableModel } from '../../src/query/include/normalize.js';
import { planJsonIncludes, type JsonPlanContext } from '../../src/query/include/json-plan.js';
import { requiredFilter } from '../../src/query/include/required-filter.js';
import { planFind } from '../../src/query/plan-find.js';
import { and } from '../../src/query/expression.js';
import { compileSelect } from '../../src/sql/select.js';

// Planning is dialect-free: no connection is ever opened here (SQLite opens lazily, on the first query).
const relata = new Relata('sqlite::memory:', { logging: false });
const Company = relata.define('Company', { name: DataTypes.STRING });
const User = relata.define('User', { name: DataTypes.STRING });
const Profile = relata.define('Profile', { bio: DataTypes.STRING });
const Post = relata.define('Post', { title: DataTypes.STRING });
const Comment = relata.define('Comment', { body: DataTypes.STRING });
const Group = relata.define('Group', { name: DataTypes.STRING });
User.belongsTo(Company, { as: 'company', foreignKey: 'companyId' });
User.hasOne(Profile, { as: 'profile', foreignKey: 'userId' });
User.hasMany(Post, { as: 'posts', foreignKey: 'userId' });
Post.belongsTo(User, { as: 'author', foreignKey: 'userId' });
Post.hasMany(Comment, { as: 'comments', foreignKey: 'postId' });
User.belongsToMany(Group, { through: 'Memberships', as: 'groups', foreignKey: 'userId', otherKey: 'groupId' });

const model = (m: ModelStatic<Model>): IncludableModel => m as unknown as IncludableModel;

describe('normalizeIncludes', () => {
  it('resolves every form Sequelize accepts to the same association', () => {
    const forms: unknown[] = ['posts', { model: Post, as: 'posts' }, { association: 'posts' }, { as: 'posts' }, User.associations['posts']];
    for (const form of forms) {
      const [include] = normalizeIncludes(model(User), form);
      expect(include?.association.as).toBe('posts');
      expect(include?.required).toBe(false);
    }
    // As in Sequelize, the model of an aliased association needs its alias.
    for (const form of [Post, { model: Post }]) {
      expect(() => normalizeIncludes(model(User), form)).toThrow(
        "Post is associated to User using an alias. You must use the 'as' keyword to specify the alias within your include statement.",
      );
    }
  });

  it('makes an include with where required unless required: false says otherwise', () => {
    const [withWhere, optional, forced] = normalizeIncludes(model(User), [
      { model: Post, as: 'posts', where: { title: 'x' } },
      { model: Profile, as: 'profile', where: { bio: 'y' }, required: false },
      { model: Group, as: 'groups', required: true },
    ]);
    expect([withWhere?.required, optional?.required, forced?.required]).toEqual([true, false, true]);
  });

  it('expands { all: true, nested: true } through the association graph without looping back', () => {
    const all = normalizeIncludes(model(Post), { all: true, nested: true });
    expect(all.map((i) => i.association.as)).toEqual(['author', 'comments']);
    const author = all[0];
    // Sequelize's expansion skips an association back to a model already expanded from (posts → Post).
    expect(author?.include.map((i) => i.association.as)).toEqual(['company', 'profile', 'groups']);
  });

  it('names the valid aliases when an include is not associated', () => {
    expect(() => normalizeIncludes(model(User), 'nope')).toThrow(EagerLoadingError);
    expect(() => normalizeIncludes(model(User), 'nope')).toThrow('Associations of User: company, profile, posts, groups');
    expect(() => normalizeIncludes(model(User), Comment)).toThrow('Comment is not associated to User!');
  });
});

describe('planJoins: the strategy per include node', () => {
  it('joins to-one includes and leaves to-many includes for one batched query each', () => {
    const includes = normalizeIncludes(model(User), ['company', 'profile', 'posts', 'groups']);
    const plan = planJoins(User.definition, 'User', includes);
    expect(plan.joins.map((j) => [j.kind, j.table, j.alias])).toEqual([
      ['left', 'Companies', 'company'],
      ['left', 'Profiles', 'profile'],
    ]);
    expect(plan.batched.map((i) => i.association.as)).toEqual(['posts', 'groups']);
    expect(plan.selections.map((s) => s.as)).toContain('company.name');
  });

  it('chains nested to-one joins with Sequelize-style aliases and defers nested to-many', () => {
    const nested = normalizeIncludes(model(Post), [{ model: User, as: 'author', include: ['company', 'posts'] }]);
    const plan = planJoins(Post.definition, 'Post', nested);
    expect(plan.joins.map((j) => j.alias)).toEqual(['author', 'author->company']);
    expect(plan.joined[0]?.deferred.map((i) => i.association.as)).toEqual(['posts']);
  });

  it('uses an inner join for a required to-one include, and never joins separate or limited includes', () => {
    const plan = planJoins(User.definition, 'User', normalizeIncludes(model(User), [{ model: Profile, as: 'profile', where: { bio: 'x' } }, { model: Company, as: 'company', separate: true }]));
    expect(plan.joins.map((j) => [j.kind, j.alias])).toEqual([['inner', 'profile']]);
    expect(plan.batched.map((i) => i.association.as)).toEqual(['company']);
  });
});

describe('requiredFilter: required to-many includes filter roots with EXISTS', () => {
  it('compiles a correlated EXISTS per required include, nested inside for nested ones', () => {
    const includes = normalizeIncludes(model(User), [{ model: Post, as: 'posts', required: true, include: [{ model: Comment, as: 'comments', where: { body: 'hi' } }] }]);
    const plan = planFind(User.definition, { limit: 5 });
    const compiled = compileSelect(relata, { ...plan.select, where: and([plan.select.where, requiredFilter(User.definition, 'User', includes)]) });
    expect(compiled.sql).toBe(
      'select "User"."id" as "id", "User"."name" as "name", "User"."createdAt" as "createdAt", "User"."updatedAt" as "updatedAt", "User"."companyId" as "companyId" from "Users" as "User" ' +
        'where EXISTS (select 1 as "one" from "Posts" as "posts_0" where ("posts_0"."userId" = "User"."id" AND EXISTS (select 1 as "one" from "Comments" as "comments_1" where ("comments_1"."postId" = "posts_0"."id" AND "comments_1"."body" = ?)))) limit 5',
    );
    expect(compiled.parameters).toEqual(['hi']);
  });

  it('reaches belongsToMany targets through the junction table', () => {
    const includes = normalizeIncludes(model(User), [{ model: Group, as: 'groups', where: { name: 'g' } }]);
    const plan = planFind(User.definition, {});
    const compiled = compileSelect(relata, { ...plan.select, where: requiredFilter(User.definition, 'User', includes) });
    expect(compiled.sql).toContain('where EXISTS (select 1 as "one" from "Groups" as "groups_0" inner join "Memberships" as "groups_through_0" on "groups_through_0"."groupId" = "groups_0"."id" where ("groups_through_0"."userId" = "User"."id" AND "groups_0"."name" = ?))');
  });
});

describe('planJsonIncludes: to-many includes as JSON arrays in the parent row', () => {
  const pg = new Relata('postgres://postgres@127.0.0.1:5432/test');
  const PgUser = pg.define('User', { name: DataTypes.STRING });
  const PgPost = pg.define('Post', { title: DataTypes.STRING, price: DataTypes.DECIMAL(10, 2), cover: DataTypes.BLOB });
  const PgTag = pg.define('Tag', { label: DataTypes.STRING });
  PgUser.hasMany(PgPost, { as: 'posts', foreignKey: 'userId' });
  PgPost.belongsToMany(PgTag, { through: 'PostTags', as: 'tags', foreignKey: 'postId', otherKey: 'tagId' });

  const context = (r: Relata): JsonPlanContext => ({
    carry: (type) => r.adapter.jsonCarry?.(type),
    decode: (value) => (r.adapter.capabilities.jsonRows === false ? [] : r.adapter.capabilities.jsonRows.decode(value)),
    optionsFor: (include, extraOrder) => ({ ...(include.where === undefined ? {} : { where: include.where as never }), ...(include.attributes === undefined ? {} : { attributes: include.attributes as never }), ...(extraOrder.length > 0 ? { order: extraOrder as never } : {}) }),
    childOrders: () => new Map(),
    // The planner's spelling of the aggregate, whichever strategy the dialect prefers for these columns.
    prefer: () => true,
  });
  const plan = (r: Relata, root: ModelStatic<Model>, include: unknown) => {
    const includes = normalizeIncludes(model(root), include);
    const json = planJsonIncludes(root.definition, root.name, includes, context(r), new Map());
    const base = planFind(root.definition, { attributes: ['id'] });
    return { json, compiled: compileSelect(r, { ...base.select, selections: [...base.select.selections, ...json.selections] }) };
  };

  it('SQLite: nested json_group_array subqueries, ordered by key, with to-one includes joined inside', () => {
    const { json, compiled } = plan(relata, User, [{ model: Post, as: 'posts', attributes: ['id', 'title'], include: [{ model: User, as: 'author', attributes: ['id'] }, { model: Comment, as: 'comments', attributes: ['id', 'body'], where: { body: 'x' } }] }]);
    expect(compiled.sql).toBe(
      'select "User"."id" as "id", (select json_group_array(json_array("posts"."id", "posts"."title", "posts->author"."id", ' +
        'json((select json_group_array(json_array("posts->comments"."id", "posts->comments"."body") ORDER BY "posts->comments"."id" ASC) as "rows" from "Comments" as "posts->comments" where ("posts->comments"."postId" = "posts"."id" AND "posts->comments"."body" = ?))))' +
        ' ORDER BY "posts"."id" ASC) as "rows" from "Posts" as "posts" left join "Users" as "posts->author" on "posts->author"."id" = "posts"."userId" ' +
        'where ("posts"."userId" = "User"."id" AND EXISTS (select 1 as "one" from "Comments" as "comments_1" where ("comments_1"."postId" = "posts"."id" AND "comments_1"."body" = ?)))) as "posts" from "Users" as "User"',
    );
    expect(compiled.parameters).toEqual(['x', 'x']);
    expect(json.batched).toEqual([]);
    const [posts] = json.json;
    expect(posts?.names).toEqual(['id', 'title', 'posts->author.id', 'posts->comments']);
    expect(posts?.nested.map((n) => [n.key, n.index])).toEqual([['posts->comments', 3]]);
  });

  it('PostgreSQL: json_agg with an empty-array fallback, exact numerics cast to text, junction columns after the target', () => {
    const { compiled } = plan(pg, PgPost, [{ model: PgTag, as: 'tags', through: { attributes: ['tagId'] } }]);
    expect(compiled.sql).toBe(
      'select "Post"."id" as "id", (select coalesce(json_agg(json_build_array("tags"."id", "tags"."label", "tags"."createdAt", "tags"."updatedAt", "tags_through_0"."tagId") ORDER BY "tags"."id" ASC), \'[]\'::json) as "rows" ' +
        'from "Tags" as "tags" inner join "PostTags" as "tags_through_0" on "tags_through_0"."tagId" = "tags"."id" where "tags_through_0"."postId" = "Post"."id") as "tags" from "Posts" as "Post"',
    );
    const allThrough = plan(pg, PgPost, [{ model: PgTag, as: 'tags' }]);
    expect(allThrough.json.json[0]?.through?.start).toBe(4);
    const bigint = planJsonIncludes(PgUser.definition, 'User', normalizeIncludes(model(PgUser), [{ model: PgPost, as: 'posts', attributes: ['id', 'price'] }]), context(pg), new Map());
    expect(compileSelect(pg, { ...planFind(PgUser.definition, { attributes: ['id'] }).select, selections: bigint.selections }).sql).toContain('json_build_array("posts"."id", CAST("posts"."price" AS TEXT)) ORDER BY');
  });

  it('leaves separate, limited and BLOB-carrying includes for batched queries, and everything on MariaDB', () => {
    const separate = plan(relata, User, [{ model: Post, as: 'posts', separate: true }, { model: Group, as: 'groups', limit: 2 }]);
    expect(separate.json.batched.map((i) => i.association.as)).toEqual(['posts', 'groups']);
    const blob = plan(pg, PgUser, [{ model: PgPost, as: 'posts' }]);
    expect(blob.json.batched.map((i) => i.association.as)).toEqual(['posts']);
    expect(new Relata('mariadb://root@127.0.0.1:3306/test').adapter.capabilities.jsonRows).toBe(false);
  });
});
