// Shared by 'relata' and 'relata/typeorm' (separate bundles): no core imports here.

/** The second argument of a standard (TC39) decorator. @internal */
interface StandardContext {
  readonly kind: 'class' | 'method' | 'getter' | 'setter' | 'field' | 'accessor';
  readonly name: string | symbol | undefined;
  readonly static?: boolean;
  readonly metadata?: object;
}

/** Where a member decorator was applied, in either decorator mode. @internal */
export interface MemberSite {
  /** The object that holds the class's record: the class (legacy) or its metadata object (standard). */
  readonly holder: object | undefined;
  readonly name: string;
  readonly isStatic: boolean;
  /** The decorated method, for method decorators. */
  readonly method: ((...args: never[]) => unknown) | undefined;
  /** The class, when the decorator mode tells it at decoration time (legacy only). */
  readonly ownerClass: (abstract new (...args: never[]) => unknown) | undefined;
  /** `design:type`, when emitDecoratorMetadata and reflect-metadata provide it (legacy only). */
  readonly designType: unknown;
}

/** Where a class decorator was applied. @internal */
export interface ClassSite {
  readonly cls: abstract new (...args: never[]) => unknown;
  /** The object that holds the class's record. */
  readonly holder: object | undefined;
}

interface ReflectWithMetadata {
  getMetadata?: (key: string, target: object, property?: string | symbol) => unknown;
}

function isStandardContext(value: unknown): value is StandardContext {
  return value !== null && typeof value === 'object' && typeof (value as { kind?: unknown }).kind === 'string' && 'name' in value && typeof (value as { addInitializer?: unknown }).addInitializer === 'function';
}

/** True when these are the arguments a member decorator receives (so a bare `@Column` was applied). @internal */
export function isMemberCall(args: readonly unknown[]): boolean {
  if (args.length === 2 && isStandardContext(args[1])) return args[1].kind !== 'class';
  return args.length >= 2 && args.length <= 3 && (typeof args[1] === 'string' || typeof args[1] === 'symbol') && args[0] !== null && (typeof args[0] === 'object' || typeof args[0] === 'function');
}

/** True when these are the arguments a class decorator receives (so a bare `@Table` was applied). @internal */
export function isClassCall(args: readonly unknown[]): boolean {
  if (args.length === 2 && isStandardContext(args[1])) return args[1].kind === 'class';
  return args.length === 1 && typeof args[0] === 'function';
}

/** Reads a member decorator's arguments, legacy `(target, key, descriptor?)` or standard `(value, context)`. @internal */
export function memberSite(args: readonly unknown[]): MemberSite {
  if (isStandardContext(args[1])) {
    const context = args[1];
    return {
      holder: context.metadata,
      name: String(context.name),
      isStatic: context.static === true,
      method: context.kind === 'method' ? (args[0] as (...a: never[]) => unknown) : undefined,
      ownerClass: undefined,
      designType: undefined,
    };
  }
  const target = args[0] as object;
  const key = args[1] as string | symbol;
  const descriptor = args[2] as PropertyDescriptor | undefined;
  const isStatic = typeof target === 'function';
  const ownerClass = (isStatic ? target : (target as { constructor: unknown }).constructor) as abstract new (...a: never[]) => unknown;
  const getMetadata = (Reflect as ReflectWithMetadata).getMetadata;
  return {
    holder: ownerClass,
    name: String(key),
    isStatic,
    method: typeof descriptor?.value === 'function' ? (descriptor.value as (...a: never[]) => unknown) : undefined,
    ownerClass,
    designType: typeof getMetadata === 'function' ? getMetadata('design:type', target, key) : undefined,
  };
}

/** Reads a class decorator's arguments, legacy `(cls)` or standard `(cls, context)`. @internal */
export function classSite(args: readonly unknown[]): ClassSite {
  const cls = args[0] as abstract new (...a: never[]) => unknown;
  const context = args[1];
  return { cls, holder: isStandardContext(context) ? context.metadata : cls };
}

/** The name of a `design:type` constructor, for messages. @internal */
export function designTypeName(designType: unknown): string | undefined {
  return typeof designType === 'function' ? designType.name : undefined;
}
