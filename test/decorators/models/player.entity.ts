import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'relata/typeorm';
import { Team } from './team.entity.js';

@Entity('mode_players')
export class Player {
  @PrimaryGeneratedColumn() id!: number;
  @Column('varchar') name!: string;
  @Column('int', { nullable: true }) shirt!: number | null;
  @ManyToOne(() => Team, (team) => team.players, { nullable: false, onDelete: 'CASCADE' }) @JoinColumn({ name: 'team_id' }) team!: Relation<Team>;
}
