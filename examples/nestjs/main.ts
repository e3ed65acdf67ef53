// A minimal NestJS application on relata: `cd examples/nestjs && node --import tsx main.ts`
// (DATABASE_URL picks the database; SQLite in memory by default).
// It runs as an application context; with @nestjs/platform-express installed, the same AppModule
// serves GET /users/:id through `NestFactory.create(AppModule)` and `app.listen(3000)`.
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RelataModule } from 'relata/nestjs';
import { UsersController, UsersModule, UsersService } from './users.module.js';

@Module({
  imports: [
    RelataModule.forRoot({ uri: process.env['DATABASE_URL'] ?? 'sqlite::memory:', logging: false, autoLoadModels: true, synchronize: true }),
    UsersModule,
  ],
})
class AppModule {}

const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
const ada = await app.get(UsersService).create('Ada', ['Notes', 'Sketches']);
console.log(JSON.stringify(await app.get(UsersController).findOne(String(ada.id))));
await app.close(); // closes the connection pool
