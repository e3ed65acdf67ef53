import { BelongsTo, Column, DataTypes, HasMany, Model, Table, type CreationOptional, type InferAttributes, type InferCreationAttributes, type NonAttribute } from 'relata';

@Table({ tableName: 'users' })
export class User extends Model<InferAttributes<User>, InferCreationAttributes<User>> {
  declare id: CreationOptional<number>;
  @Column(DataTypes.STRING) name!: string;
  @HasMany(() => Post) posts?: NonAttribute<Post[]>;
}

@Table({ tableName: 'posts' })
export class Post extends Model<InferAttributes<Post>, InferCreationAttributes<Post>> {
  declare id: CreationOptional<number>;
  @Column(DataTypes.STRING) title!: string;
  @BelongsTo(() => User) user?: NonAttribute<User>;
}
