// Type-only: the call signatures that make one decorator work in both decorator modes, legacy
// (`experimentalDecorators`, what NestJS apps use) and standard (TC39). TypeScript picks the
// overload that matches the mode the file is compiled in.

/** A class, as decorators see it. */
export type AnyClass<T = unknown> = abstract new (...args: never[]) => T;

/** A decorator for a class field. */
export interface FieldDecorator {
  (target: object, propertyKey: string | symbol): void;
  (value: undefined, context: ClassFieldDecoratorContext): void;
}

/** A decorator for a static method. */
export interface StaticMethodDecorator {
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): void;
  (value: (...args: never[]) => unknown, context: ClassMethodDecoratorContext): void;
}

/** A decorator for a class. */
export interface ClassDecoratorFunction {
  <C extends AnyClass<object>>(target: C): void;
  <C extends AnyClass<object>>(target: C, context: ClassDecoratorContext<C>): void;
}
