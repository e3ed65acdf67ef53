import { describe, expectTypeOf, it } from 'vitest';
import { Model, type Relata, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute, type HasManyGetAssociationsMixin, type BelongsToManyAddAssociationMixin } from '../../src/index.js';

class Comment extends Model<InferAttributes<Comment>, InferCreationAttributes<Comment>> {
  declare id: CreationOptional<number>;
  declare body: string;
}
class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  declare title: string;
  declare comments?: NonAttribute<Comment[]>;
}
class Profile extends Model<InferAttributes<Profile>, InferCreationAttributes<Profile>> {
  declare id: CreationOptional<number>;
  declare bio: string;
}
class Group extends Model<InferAttributes<Group>, InferCreationAttributes<Group>> {
  declare id: CreationOptional<number>;
  declare name: string;
}
class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  declare name: string;
  declare posts?: NonAttribute<Post[]>;
  declare profile?: NonAttribute<Profile | null>;
  declare getPosts: HasManyGetAssociationsMixin<Post>;
  declare addGroup: BelongsToManyAddAssociationMixin<Group, number>;
}
declare const relata: Relata;
void relata;

describe('include narrows the result type', () => {
  it('marks an included alias as loaded', async () => {
    const users = await User.findAll({ include: ['posts'] });
    const loaded: Post[] = users[0]!.posts;
    expectTypeOf(loaded[0]!.title).toEqualTypeOf<string>();
    const plain = await User.findAll();
    // @ts-expect-error posts was not included, so it may be undefined
    const missing: Post[] = plain[0]!.posts;
    void missing;
  });

  it('understands { model, as } and nested includes', async () => {
    const user = await User.findByPk(1, { include: [{ model: Post, as: 'posts', include: [{ model: Comment, as: 'comments' }] }, 'profile'] });
    if (user) {
      const comments: Comment[] = user.posts[0]!.comments;
      expectTypeOf(comments[0]!.body).toEqualTypeOf<string>();
      // @ts-expect-error a hasOne include may find no row
      const profile: Profile = user.profile;
      const maybe: Profile | null = user.profile;
      void profile;
      void maybe;
      expectTypeOf(user.name).toEqualTypeOf<string>();
    }
  });

  it('leaves aliases that are not included optional', async () => {
    const user = await User.findOne({ include: ['profile'] });
    // @ts-expect-error posts was not included
    if (user) { const posts: Post[] = user.posts; void posts; }
  });

  it('types the declared accessors', async () => {
    const user = User.build({ name: 'a' });
    expectTypeOf(user.getPosts()).toEqualTypeOf<Promise<Post[]>>();
    void user.getPosts({ where: { title: 'x' }, order: [['title', 'DESC']] });
    // @ts-expect-error accessor options are checked against the target's attributes
    void user.getPosts({ where: { nope: 'x' } });
    expectTypeOf(user.addGroup).parameter(0).toEqualTypeOf<Group | number | { target: Group | number; through?: Partial<Record<string, unknown>> } | undefined>();
  });
});
