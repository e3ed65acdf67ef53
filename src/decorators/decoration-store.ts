// Shared by 'relata' and 'relata/typeorm', which tsup builds as separate bundles: this module
// must stay free of core imports, and keeps its state on the classes under global symbols so
// both copies see the same records.

interface SymbolWithMetadata {
  metadata?: symbol;
}

// Standard (TC39) decorators only get `context.metadata` when Symbol.metadata exists as the class
// is defined (TypeScript's emit checks for it; esbuild falls back to the same Symbol.for key).
// Node 20 lacks it, so define it before any decorated class of the user's is evaluated.
(Symbol as SymbolWithMetadata).metadata ??= Symbol.for('Symbol.metadata');

/** `Symbol.metadata`, polyfilled. @internal */
export const METADATA_SYMBOL: symbol = (Symbol as SymbolWithMetadata).metadata as symbol;

/**
 * Where the decorators of one style keep their records: one record per class, on the class itself
 * (legacy decorators) or on its `Symbol.metadata` object (standard decorators). Records are own
 * properties, so a subclass never writes into its base's record; `chain()` reads them base first.
 * @internal
 */
export class DecorationStore<R> {
  readonly #key: symbol;
  readonly #create: () => R;

  constructor(name: string, create: () => R) {
    this.#key = Symbol.for(name);
    this.#create = create;
  }

  /** The record held by `holder` (a class, or a decorator context's metadata object), created on first use. */
  recordOn(holder: object): R {
    if (Object.prototype.hasOwnProperty.call(holder, this.#key)) return (holder as Record<symbol, R>)[this.#key] as R;
    const record = this.#create();
    Object.defineProperty(holder, this.#key, { value: record, enumerable: false, configurable: true, writable: false });
    return record;
  }

  /** The records one class holds itself, from either decorator mode. */
  ownRecords(cls: object): R[] {
    const records: R[] = [];
    if (Object.prototype.hasOwnProperty.call(cls, this.#key)) records.push((cls as Record<symbol, R>)[this.#key] as R);
    if (Object.prototype.hasOwnProperty.call(cls, METADATA_SYMBOL)) {
      const metadata = (cls as Record<symbol, unknown>)[METADATA_SYMBOL];
      if (metadata !== null && typeof metadata === 'object' && Object.prototype.hasOwnProperty.call(metadata, this.#key)) {
        records.push((metadata as Record<symbol, R>)[this.#key] as R);
      }
    }
    return records;
  }

  /** The records of `cls` and its ancestors, base class first, stopping below `stop`. */
  chain(cls: object, stop?: object): R[] {
    const classes: object[] = [];
    for (let c: object | null = cls; c !== null && c !== Function.prototype && c !== stop; c = Object.getPrototypeOf(c) as object | null) classes.unshift(c);
    return classes.flatMap((c) => this.ownRecords(c));
  }

  /** True when `cls` or an ancestor carries a record. */
  has(cls: object, stop?: object): boolean {
    return this.chain(cls, stop).length > 0;
  }
}
