// Run by test/integration/decorator-modes.test.ts after `tsc -p tsconfig.<mode>.json`:
// `node scenario.js <connection url>` prints one JSON line the test compares.
import 'reflect-metadata';
import { Relata } from 'relata';
import { asModel } from 'relata/typeorm';
import { Author } from './models/author.js';
import { Book } from './models/book.js';
import { Genre } from './models/genre.js';
import { Inferred } from './models/inferred.js';
import { Player } from './models/player.entity.js';
import { Team } from './models/team.entity.js';

const url = process.argv[2] ?? 'sqlite::memory:';
const relata = new Relata(url, { logging: false, models: [Author, Book, Genre, Team, Player] });
await relata.sync({ force: true });

const ada = await Author.create({ name: '  Ada ' });
await Book.create({ title: 'Notes', authorId: ada.id });
await Book.create({ title: 'Sketches', authorId: ada.id, status: 'published' });
const essays = await Genre.create({ label: 'essays' });
await (ada as unknown as { addGenre(g: Genre): Promise<unknown> }).addGenre(essays);

const Teams = asModel(Team);
const Players = asModel(Player);
const owls = await Teams.create({ name: 'Owls' });
await Players.create({ name: 'Ann', shirt: 7, team_id: owls.id } as never);
await Players.create({ name: 'Bo', shirt: null, team_id: owls.id } as never);

const authors = await Author.findAll({ include: ['books', 'genres'], order: [['id', 'ASC']] });
const teams = await Teams.findAll({ include: ['players'] });
const players = await Players.findAll({ include: ['team'], order: [['id', 'ASC']] });

// sequelize-typescript's validation and index decorators, and a $-method.
const genreErrors = await Genre.build({ label: 'Essays' }).validate().then(() => [], (e: { errors: { validatorKey: string }[] }) => e.errors.map((i) => i.validatorKey));
const reservedErrors = await Genre.build({ label: 'none' }).validate().then(() => [], (e: { errors: { validatorKey: string }[] }) => e.errors.map((i) => i.validatorKey));
const genreIndexes = (Genre.options.indexes ?? []).map((i) => [i.name, i.unique, i.fields]);
const adaBooks = (await ada.$get('books')).map((b) => b.title).sort();

let inferred: unknown;
try {
  relata.addModels([Inferred]);
  inferred = Object.fromEntries(Object.entries(Inferred.rawAttributes).map(([name, a]) => [name, a.type.key]));
} catch (error) {
  inferred = `${(error as Error).name}: ${(error as Error).message}`;
}

const report = {
  standardDecorators: Object.prototype.hasOwnProperty.call(Author, Symbol.for('Symbol.metadata')),
  authors: authors.map((a) => ({
    name: a.name,
    books: (a.books ?? []).map((b) => [b.title, b.status]).sort(),
    genres: (a.genres ?? []).map((g) => g.label),
  })),
  teamIdIsUuid: /^[0-9a-f-]{36}$/.test(teams[0]?.id ?? ''),
  teamCreatedAt: teams[0]?.createdAt instanceof Date,
  players: teams[0]?.players.map((p) => [p.name, p.shirt]).sort(),
  playerTeams: players.map((p) => p.team.name),
  playerKeys: Object.keys(Players.rawAttributes),
  genreErrors,
  reservedErrors,
  genreIndexes,
  adaBooks,
  inferred,
};
await relata.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
