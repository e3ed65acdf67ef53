/**
 * One sequelize-typescript model file, declared on either library: `declareModels(lib)` with
 * `lib` the `sequelize-typescript` module or the `relata` module (the names an application
 * imports from 'sequelize-typescript', unchanged). test/integration/sequelize-typescript.test.ts
 * compiles it with tsconfig.json here and runs the same operations on both declarations.
 */
import type * as Relata from 'relata';

export type Lib = typeof Relata;

export function declareModels(lib: Lib, audit: string[]) {
  const {
    Table, Column, Model, DataType, PrimaryKey, AutoIncrement, AllowNull, Default, Unique, Comment, ForeignKey, BelongsTo, HasMany, HasOne,
    BelongsToMany, Scopes, DefaultScope, CreatedAt, UpdatedAt, Index, createIndexDecorator, BeforeCreate, AfterCreate, BeforeBulkDestroy,
    AfterBulkDestroy, BeforeUpdate, BeforeFind, BeforeConnect, AfterDefine,
    Is, Not, Length, Min, Max, IsIn, NotIn, Contains, NotContains, Equals, IsAfter, IsBefore, IsUUID, NotEmpty, Validate, Validator, IsEmail,
    IsUrl, IsIP, IsIPv4, IsIPv6, IsAlpha, IsAlphanumeric, IsNumeric, IsInt, IsFloat, IsDecimal, IsLowercase, IsUppercase, IsDate,
    IsCreditCard, IsNull,
  } = lib;

  const PostSlug = createIndexDecorator({ name: 'st_posts_user_slug', unique: true });

  @DefaultScope(() => ({ where: { active: true } }))
  @Scopes(() => ({ withPosts: { include: [Post] }, named: (name: string) => ({ where: { name } }) }))
  @Table({ tableName: 'st_users', timestamps: false })
  class User extends Model {
    @PrimaryKey @AutoIncrement @Column id!: number;
    @IsEmail @Unique @Column email!: string;
    @Length({ min: 2, max: 10, msg: 'name: 2 to 10 characters' }) @Column(DataType.STRING) name!: string;
    @Comment('about the user') @Column({ type: DataType.TEXT, allowNull: true }) bio!: string | null;
    @Default(true) @Column active!: boolean;
    @Min(0) @Max(150) @Column({ type: DataType.INTEGER, field: 'age_years' }) age!: number | null;
    @HasMany(() => Post) posts!: Post[];
    @HasOne(() => Profile) profile!: Profile | null;

    @BeforeCreate static lowerEmail(user: User): void {
      user.email = user.email.toLowerCase();
    }

    @AfterCreate({ name: 'audit' }) static audit(user: User): void {
      audit.push(`created ${user.name}`);
    }

    @BeforeBulkDestroy static beforeBulkDestroyHook(options: { where?: unknown }): void {
      audit.push(`bulk destroy ${JSON.stringify(options.where)}`);
    }

    @AfterBulkDestroy static afterBulkDestroyHook(): void {
      audit.push('bulk destroyed');
    }

    @BeforeConnect static neverRuns(): void {
      audit.push('beforeConnect on a model');
    }

    @AfterDefine static neverRunsEither(): void {
      audit.push('afterDefine on a model');
    }
  }

  @Table({ tableName: 'st_profiles', timestamps: false })
  class Profile extends Model {
    @AllowNull(false) @NotEmpty({ msg: 'bio required' }) @Column bio!: string;
    @ForeignKey(() => User) @Column userId!: number;
    @BelongsTo(() => User, { onDelete: 'CASCADE', as: 'owner' }) user!: User | null;
  }

  @Table({ tableName: 'st_posts' })
  class Post extends Model {
    @Index @Column title!: string;
    @PostSlug @Is('Slug', (value: string) => { if (!/^[a-z-]+$/.test(value)) throw new Error('slug: lower case and dashes'); }) @Column slug!: string;
    @PostSlug @ForeignKey(() => User) @Column userId!: number;
    @BelongsTo(() => User) author!: User | null;
    @BelongsToMany(() => Tag, () => PostTag) tags!: Tag[];
    @CreatedAt createdOn!: Date;
    @UpdatedAt updatedOn!: Date;

    @BeforeUpdate static stampTitle(post: Post): void {
      if (post.changed('title')) post.title = `${post.title}!`;
    }

    @BeforeFind static countFinds(): void {
      audit.push('find posts');
    }
  }

  @Table({ tableName: 'st_tags', timestamps: false })
  class Tag extends Model {
    @PrimaryKey @AutoIncrement @Column id!: number;
    @Index({ name: 'st_tags_name', unique: true }) @Column name!: string;
    @BelongsToMany(() => Post, () => PostTag) posts!: Post[];

    // An attribute declared on an accessor pair: its getter and setter run on reads and writes.
    @Column
    get label(): string {
      return String(this.getDataValue('label') ?? '').toUpperCase();
    }

    set label(value: string) {
      this.setDataValue('label', value.trim());
    }
  }

  @Table({ tableName: 'st_post_tags', timestamps: false })
  class PostTag extends Model {
    @ForeignKey(() => Post) @PrimaryKey @Column postId!: number;
    @ForeignKey(() => Tag) @PrimaryKey @Column tagId!: number;
    @Default(false) @Column pinned!: boolean;
  }

  // Every validation decorator, one attribute each.
  @Table({ tableName: 'st_checks', timestamps: false })
  class Check extends Model {
    @IsAlpha @Column alpha!: string;
    @IsAlphanumeric @Column alnum!: string;
    @IsNumeric @Column numeric!: string;
    @IsInt @Column(DataType.STRING) int!: string;
    @IsFloat @Column(DataType.STRING) float!: string;
    @IsDecimal @Column(DataType.STRING) decimal!: string;
    @IsLowercase @Column lower!: string;
    @IsUppercase @Column upper!: string;
    @IsUrl @Column url!: string;
    @IsIP @Column ip!: string;
    @IsIPv4 @Column ip4!: string;
    @IsIPv6 @Column ip6!: string;
    @IsUUID(4) @Column(DataType.UUID) uuid!: string;
    @IsDate @Column(DataType.DATE) date!: Date;
    @IsAfter('2020-01-01') @Column(DataType.DATEONLY) after!: string;
    @IsBefore('2030-01-01') @Column(DataType.DATEONLY) before!: string;
    @Contains('@') @Column contains!: string;
    @NotContains({ msg: 'no spaces', args: ' ' }) @Column notContains!: string;
    @Equals('yes') @Column same!: string;
    @IsIn([['red', 'green']]) @Column isIn!: string;
    @NotIn({ msg: 'reserved', args: [['admin']] }) @Column notIn!: string;
    @Is(/^[a-z]+$/) @Column is!: string;
    @Not(/\d/) @Column not!: string;
    @IsCreditCard @Column card!: string;
    @IsNull @Column isNull!: string;
    @Validate({ isEmail: { msg: 'bad email' }, len: [3, 40] }) @Column validated!: string;
    @Min(1) @Max(5) @Column rating!: number;
    @Column lo!: number;
    @Column hi!: number;

    @Validator loBelowHi(): void {
      if (this.lo > this.hi) throw new Error('lo must not exceed hi');
    }
  }

  return { User, Profile, Post, Tag, PostTag, Check };
}

export type Models = ReturnType<typeof declareModels>;
