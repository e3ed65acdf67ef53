// Bare @Column: the type comes from emitDecoratorMetadata, which only legacy decorators have.
import { Column, Model, Table } from 'relata';

@Table({ tableName: 'mode_inferred', timestamps: false })
export class Inferred extends Model {
  @Column label!: string;
  @Column count!: number;
  @Column active!: boolean;
  @Column seenAt!: Date;
}
