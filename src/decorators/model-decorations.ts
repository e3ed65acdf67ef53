import type { BelongsToOptions } from '../associations/belongs-to.js';
import type { BelongsToManyOptions } from '../associations/belongs-to-many.js';
import type { HasOptions } from '../associations/has-one.js';
import type { HookName } from '../model/hooks.js';
import type { AttributeOptions, ModelOptions } from '../model/model-options.js';
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
  | { readonly kind: 'belongsTo'; readonly property: string; readonly target: ClassThunk; readonly options: Omit<BelongsToOptions, 'as'> }
  | { readonly kind: 'hasOne' | 'hasMany'; readonly property: string; readonly target: ClassThunk; readonly options: Omit<HasOptions, 'as'> }
  | {
      readonly kind: 'belongsToMany';
      readonly property: string;
      readonly target: ClassThunk;
      readonly through: ThroughSpec | undefined;
      readonly options: Omit<Partial<BelongsToManyOptions>, 'as' | 'through'>;
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
}

/** The records of the sequelize-typescript-style decorators. @internal */
export const modelDecorations = new DecorationStore<ModelDecorations>('relata.decorators.model', () => ({
  table: undefined,
  attributes: new Map(),
  associations: [],
  hooks: [],
  scopes: undefined,
  defaultScope: undefined,
}));

/** The record of one field, created on first use. @internal */
export function attributeDecoration(record: ModelDecorations, property: string): AttributeDecoration {
  let attribute = record.attributes.get(property);
  if (!attribute) {
    attribute = { options: {}, isColumn: false, designType: undefined, foreignKeyTargets: [], timestampRole: undefined };
    record.attributes.set(property, attribute);
  }
  return attribute;
}
