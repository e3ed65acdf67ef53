import type { BelongsToOptions } from '../associations/belongs-to.js';
import type { BelongsToManyOptions } from '../associations/belongs-to-many.js';
import type { HasOptions } from '../associations/has-one.js';
import type { HookName } from '../model/hooks.js';
import type { AttributeOptions, IndexOptions, ModelOptions } from '../metadata/model-options.js';
import { DecorationStore } from './decoration-store.js';

/** A lazily resolved class: `() => User`, so entity files may import each other. */
export type ClassThunk<T = unknown> = () => abstract new (...args: never[]) => T;

/** The timestamp role a `@CreatedAt`, `@UpdatedAt` or `@DeletedAt` field plays. @internal */
export type TimestampRole = 'createdAt' | 'updatedAt' | 'deletedAt';

/** What the decorators of one field recorded. @internal */
export interface AttributeDecoration {
  /** Options from @Column and the flag decorators, merged. */
  options: Partial<AttributeOptions>;
  /** A @Column (or a flag decorator) made it an attribute. */
  isColumn: boolean;
  designType: unknown;
  /** @ForeignKey(() => Target) thunks. */
  foreignKeyTargets: ClassThunk[];
  timestampRole: TimestampRole | undefined;
}

/** One association decorator. @internal */
export type AssociationDecoration =
  | { readonly kind: 'belongsTo'; readonly property: string; readonly target: ClassThunk; readonly options: BelongsToOptions }
  | { readonly kind: 'hasOne' | 'hasMany'; readonly property: string; readonly target: ClassThunk; readonly options: HasOptions }
  | {
      readonly kind: 'belongsToMany';
      readonly property: string;
      readonly target: ClassThunk;
      readonly through: ThroughSpec | undefined;
      readonly options: Omit<Partial<BelongsToManyOptions>, 'through'>;
    };

/** The junction of a @BelongsToMany: a model thunk, a table name, or `{ model, unique, scope }`. */
export type ThroughSpec = ClassThunk | string | { readonly model: ClassThunk | string; readonly unique?: boolean; readonly scope?: Record<string, unknown> };

/** A hook decorator on a static method. @internal */
export interface HookDecoration {
  readonly hook: HookName;
  readonly method: string;
  readonly fn: ((...args: never[]) => unknown) | undefined;
  readonly name: string | undefined;
  readonly isStatic: boolean;
}

/** Scopes as an object or a thunk returning one (so includes can name models defined later). */
export type ScopesSpec = Readonly<Record<string, unknown>> | (() => Readonly<Record<string, unknown>>);

/** Everything the sequelize-typescript-style decorators recorded on one class. @internal */
export interface ModelDecorations {
  table: ModelOptions | undefined;
  readonly attributes: Map<string, AttributeDecoration>;
  readonly associations: AssociationDecoration[];
  readonly hooks: HookDecoration[];
  scopes: ScopesSpec | undefined;
  defaultScope: ScopesSpec | undefined;
  /** @Validator methods (model-level validators), by method name. */
  readonly modelValidators: Map<string, (...args: never[]) => unknown>;
  /** @Index / createIndexDecorator() fields, by index key (its name, or a number for an unnamed one). */
  readonly indexes: Map<string | symbol, IndexDecoration>;
}

/** One index the @Index decorators of a class build up, field by field. @internal */
export interface IndexDecoration {
  readonly options: Omit<IndexOptions, 'fields'>;
  readonly fields: IndexField[];
}

/** A field of an @Index: the attribute and its per-field options. */
export interface IndexField {
  readonly name: string;
  readonly order?: 'ASC' | 'DESC';
  readonly length?: number;
  readonly collate?: string;
}

/** The records of the sequelize-typescript-style decorators. @internal */
export const modelDecorations = new DecorationStore<ModelDecorations>('relata.decorators.model', () => ({
  table: undefined,
  attributes: new Map(),
  associations: [],
  hooks: [],
  scopes: undefined,
  defaultScope: undefined,
  modelValidators: new Map(),
  indexes: new Map(),
}));

/**
 * Attribute options from one more decorator, over those recorded so far; `validate` rules
 * accumulate, so `@IsEmail`, `@Length(…)` and `@Column({ validate })` combine in any order.
 * @internal
 */
export function mergeAttributeOptions(base: Partial<AttributeOptions>, added: Partial<AttributeOptions>): Partial<AttributeOptions> {
  const merged = { ...base, ...added };
  if (base.validate !== undefined && added.validate !== undefined) merged.validate = { ...base.validate, ...added.validate };
  return merged;
}

/** The record of one field, created on first use. @internal */
export function attributeDecoration(record: ModelDecorations, property: string): AttributeDecoration {
  let attribute = record.attributes.get(property);
  if (!attribute) {
    attribute = { options: {}, isColumn: false, designType: undefined, foreignKeyTargets: [], timestampRole: undefined };
    record.attributes.set(property, attribute);
  }
  return attribute;
}
