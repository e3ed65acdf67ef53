import type { FieldDecorator } from '../decorator-types.js';
import type { JoinColumnOptions, JoinTableOptions } from './entity-decorations.js';
import { entityMemberRecord } from './entity-record.js';

/**
 * Marks the owning side of a @OneToOne (required there) or renames a @ManyToOne's foreign key.
 *
 * @example
 * @ManyToOne(() => User) @JoinColumn({ name: 'author_id' }) author: User
 * @OneToOne(() => Profile) @JoinColumn() profile: Profile
 */
export function JoinColumn(options?: JoinColumnOptions): FieldDecorator {
  return ((...args: unknown[]) => {
    const { record, site } = entityMemberRecord('@JoinColumn', args);
    record.joinColumns.set(site.name, { ...(options ?? {}) });
  }) as FieldDecorator;
}

/**
 * Marks the owning side of a @ManyToMany and names its junction table and columns.
 *
 * @example
 * @ManyToMany(() => Tag) @JoinTable({ name: 'post_tags', joinColumn: { name: 'post_id' }, inverseJoinColumn: { name: 'tag_id' } }) tags: Tag[]
 */
export function JoinTable(options?: JoinTableOptions): FieldDecorator {
  return ((...args: unknown[]) => {
    const { record, site } = entityMemberRecord('@JoinTable', args);
    record.joinTables.set(site.name, { ...(options ?? {}) });
  }) as FieldDecorator;
}
