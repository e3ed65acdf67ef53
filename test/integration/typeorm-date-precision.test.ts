/**
 * TypeORM's date columns keep microseconds: @CreateDateColumn, @UpdateDateColumn and
 * @DeleteDateColumn are datetime(6) on MySQL and MariaDB (TypeORM's createDatePrecision and the
 * like), and `precision` on a datetime column is honoured. So a date set in memory reads back the
 * same, and an entity returned by save() equals the one read back. A datetime column without
 * precision keeps whole seconds on MariaDB, as TypeORM's does.
 */
import 'reflect-metadata';
import { beforeAll, expect, it } from 'vitest';
import type { Relata } from '../../src/index.js';
import { asModel, Column, CreateDateColumn, DeleteDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from '../../src/typeorm/index.js';
import { describeEachDialect } from '../support/dialects.js';

describeEachDialect('TypeORM date columns keep fractions of a second', ({ dialect, connect }) => {
  @Entity('stamped')
  class Stamped {
    @PrimaryGeneratedColumn() id!: number;
    @Column({ type: 'datetime', precision: 3 }) at!: Date;
    @Column({ type: 'datetime' }) plain!: Date;
    @CreateDateColumn() createdAt!: Date;
    @UpdateDateColumn() updatedAt!: Date;
    @DeleteDateColumn() deletedAt!: Date | null;
  }

  let relata: Relata;
  beforeAll(async () => {
    relata = await connect({ models: [Stamped] });
    await relata.sync({ force: true });
  });

  it('created, updated and deleted dates and a datetime(3) read back to the millisecond', async () => {
    const model = asModel(Stamped);
    const at = new Date('2026-03-04T05:06:07.891Z');
    const created = await model.create({ at, plain: at });
    const read = await model.findByPk(created.id, { paranoid: false });
    expect(read?.at.toISOString()).toBe('2026-03-04T05:06:07.891Z');
    expect(read?.createdAt.getTime()).toBe(created.createdAt.getTime());
    expect(read?.updatedAt.getTime()).toBe(created.updatedAt.getTime());
    await created.destroy();
    const deleted = await model.findByPk(created.id, { paranoid: false });
    expect(deleted?.deletedAt?.getTime()).toBe(created.deletedAt?.getTime());
    // Without precision, MariaDB's datetime keeps whole seconds, the fraction cut off (TypeORM's datetime too); the others keep the fraction.
    expect(read?.plain.toISOString()).toBe(dialect === 'mariadb' ? '2026-03-04T05:06:07.000Z' : '2026-03-04T05:06:07.891Z');
  });
});
