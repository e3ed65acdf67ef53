// TypeORM style. Team and Player import each other as values; Relation<…> keeps
// emitDecoratorMetadata from reading the other class while this one is defined.
import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, type Relation } from 'relata/typeorm';
import { Player } from './player.entity.js';

@Entity('mode_teams')
export class Team {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column('varchar', { length: 40, unique: true }) name!: string;
  @CreateDateColumn() createdAt!: Date;
  @OneToMany(() => Player, (player) => player.team) players!: Relation<Player[]>;
}
