import { Controller, Get, Inject, Injectable, Module, Param } from '@nestjs/common';
import { InjectModel, RelataModule } from 'relata/nestjs';
import { Post, User } from './models.js';

@Injectable()
export class UsersService {
  constructor(@InjectModel(User) private readonly users: typeof User, @InjectModel(Post) private readonly posts: typeof Post) {}

  async create(name: string, titles: readonly string[]): Promise<User> {
    const user = await this.users.create({ name });
    await this.posts.bulkCreate(titles.map((title) => ({ title, userId: user.id }) as never));
    return user;
  }

  findOne(id: number): Promise<User | null> {
    return this.users.findByPk(id, { include: ['posts'] });
  }
}

@Controller('users')
export class UsersController {
  // An explicit token: this example also runs under tsx, which emits no decorator metadata.
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get(':id')
  async findOne(@Param('id') id: string): Promise<object | null> {
    return (await this.users.findOne(Number(id)))?.toJSON() ?? null;
  }
}

@Module({ imports: [RelataModule.forFeature([User, Post])], providers: [UsersService], controllers: [UsersController], exports: [UsersService] })
export class UsersModule {}
