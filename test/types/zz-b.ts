import { Model, type InferAttributes, type FindOptions } from '../../src/index.js';
class U extends Model<InferAttributes<U>> { declare name: string; }
function f<T extends Model>(x: T): T { return x; }
f(new U());
type R = Model['reload'];
export {};
