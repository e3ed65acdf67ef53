/**
 * The entities of the typeorm-save / typeorm-writes / typeorm-soft-delete tests, written once
 * against a decorator module (TypeORM's or relata/typeorm's) and built once per library. Column
 * types are explicit: the test transform emits no decorator metadata.
 */
import type { Api } from '../support/typeorm-writes-twin.js';

export interface UserShape {
  id: number;
  name: string;
  score: number;
  bio: string | null;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  posts: PostShape[];
  profile: ProfileShape | null;
}
export interface ProfileShape { id: number; handle: string; user: UserShape | null }
export interface PostShape { id: number; title: string; user: UserShape | null; tags: TagShape[] }
export interface TagShape { id: number; label: string; posts: PostShape[] }
export interface ArticleShape { id: number; title: string; comments: CommentShape[]; deletedAt: Date | null }
export interface ShelfShape { id: number; title: string; books: BookShape[]; crates: CrateShape[] }
export interface BookShape { id: number; title: string; deletedAt: Date | null; shelf: ShelfShape | null }
export interface CrateShape { id: number; title: string; shelf: ShelfShape | null }
export interface PairShape { left: number; right: number; note: string }
export interface CommentShape { id: number; text: string; article: ArticleShape | null; deletedAt: Date | null }

type Class<T> = abstract new () => T;
export interface Entities {
  [name: string]: Class<object>;
  User: Class<UserShape>;
  Profile: Class<ProfileShape>;
  Post: Class<PostShape>;
  Tag: Class<TagShape>;
  Article: Class<ArticleShape>;
  Comment: Class<CommentShape>;
  Shelf: Class<ShelfShape>;
  Book: Class<BookShape>;
  Crate: Class<CrateShape>;
  Pair: Class<PairShape>;
}

/** The property names a comparison reads, in this order, from TypeORM's entities and relata's alike. */
export const PROPERTIES = ['id', 'name', 'title', 'label', 'handle', 'text', 'score', 'bio', 'createdAt', 'updatedAt', 'deletedAt', 'profile', 'user', 'posts', 'tags', 'article', 'comments', 'shelf', 'books', 'crates', 'left', 'right', 'note'] as const;

/** An entity graph as the user reads it: declared properties only (undefined left out), dates as 'date'. */
export function view(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(view);
  if (value instanceof Date) return 'date';
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of PROPERTIES) {
    const property = (value as Record<string, unknown>)[key];
    if (property !== undefined) out[key] = view(property);
  }
  return out;
}

export function defineEntities(L: Api): Entities {
  const { Entity, PrimaryGeneratedColumn, PrimaryColumn, Column, CreateDateColumn, UpdateDateColumn, DeleteDateColumn, OneToMany, ManyToOne, ManyToMany, OneToOne, JoinTable, JoinColumn } = L;

  @Entity()
  class Profile {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') handle!: string;
     
    @OneToOne(() => User, (user: User) => user.profile) user!: User | null;
  }

  @Entity()
  class Tag {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') label!: string;
     
    @ManyToMany(() => Post, (post: Post) => post.tags) posts!: Post[];
  }

  @Entity()
  class User {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar', { unique: true }) name!: string;
    @Column('int', { default: 0 }) score!: number;
    @Column('varchar', { nullable: true }) bio!: string | null;
    @CreateDateColumn() createdAt!: Date;
    @UpdateDateColumn() updatedAt!: Date;
    @DeleteDateColumn() deletedAt!: Date | null;
     
    @OneToMany(() => Post, (post: Post) => post.user, { cascade: true }) posts!: Post[];
    @OneToOne(() => Profile, (profile: Profile) => profile.user, { cascade: true, nullable: true }) @JoinColumn() profile!: Profile | null;
  }

  @Entity()
  class Post {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') title!: string;
    @ManyToOne(() => User, (user: User) => user.posts, { nullable: true }) user!: User | null;
    @ManyToMany(() => Tag, (tag: Tag) => tag.posts, { cascade: true }) @JoinTable() tags!: Tag[];
  }

  @Entity()
  class Article {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') title!: string;
    @DeleteDateColumn() deletedAt!: Date | null;
     
    @OneToMany(() => Comment, (comment: Comment) => comment.article, { cascade: ['insert', 'update', 'soft-remove', 'recover'] }) comments!: Comment[];
  }

  @Entity()
  class Comment {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') text!: string;
    @DeleteDateColumn() deletedAt!: Date | null;
    @ManyToOne(() => Article, (article: Article) => article.comments, { orphanedRowAction: 'delete', nullable: true }) article!: Article | null;
  }

  @Entity()
  class Shelf {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') title!: string;
     
    @OneToMany(() => Book, (book: Book) => book.shelf, { cascade: true }) books!: Book[];
     
    @OneToMany(() => Crate, (crate: Crate) => crate.shelf, { cascade: true }) crates!: Crate[];
  }

  @Entity()
  class Book {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') title!: string;
    @DeleteDateColumn() deletedAt!: Date | null;
    @ManyToOne(() => Shelf, (shelf: Shelf) => shelf.books, { orphanedRowAction: 'soft-delete' }) shelf!: Shelf | null;
  }

  @Entity()
  class Crate {
    @PrimaryGeneratedColumn() id!: number;
    @Column('varchar') title!: string;
    @ManyToOne(() => Shelf, (shelf: Shelf) => shelf.crates, { orphanedRowAction: 'disable' }) shelf!: Shelf | null;
  }

  @Entity()
  class Pair {
    @PrimaryColumn('int') left!: number;
    @PrimaryColumn('int') right!: number;
    @Column('varchar') note!: string;
  }

  return { User, Profile, Post, Tag, Article, Comment, Shelf, Book, Crate, Pair } as unknown as Entities;
}
