import { Model, type InferAttributes } from '../../src/index.js';
interface UA { id: number; name: string; email: string | null }
type UB = { id: number; name: string; email: string | null };
export const m1: Model = null as unknown as Model<UA>;
export const m2: Model = null as unknown as Model<UB>;
class U extends Model<UB> { declare id: number; declare name: string }
export const m3: Model = null as unknown as U;
