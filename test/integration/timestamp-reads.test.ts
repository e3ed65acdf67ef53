import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { DataTypes, type Model, type ModelStatic } from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';

// Timestamps read back as the exact instants written, by every path a row takes (a find, a batched
// include, raw: true), including PostgreSQL's fast path for timestamptz text (parse-timestamp.ts),
// which gives way to a parser the application set on pg itself.
describeEachDialect('timestamp reads', ({ dialect, connect }) => {
  let Event: ModelStatic<Model>;
  let Venue: ModelStatic<Model>;
  // Whole seconds on MariaDB (DATETIME keeps no fraction by default), milliseconds elsewhere.
  const ms = dialect === 'mariadb' ? 0 : 1;
  const instants = [
    new Date(Date.UTC(2024, 1, 29, 23, 59, 59, 999 * ms)),
    new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 5 * ms)),
    new Date(Date.UTC(1970, 0, 1, 0, 0, 0, 0)),
    new Date(Date.UTC(2038, 0, 19, 3, 14, 8, 120 * ms)),
  ];

  beforeAll(async () => {
    const relata = await connect({ logging: false, timezone: dialect === 'sqlite' ? undefined : '+05:30' });
    Venue = relata.define('TrVenue', { name: DataTypes.STRING });
    Event = relata.define('TrEvent', { at: DataTypes.DATE }, { timestamps: false });
    Venue.hasMany(Event, { as: 'events', foreignKey: 'venueId' });
    await relata.sync({ force: true });
    const venue = await Venue.create({ name: 'hall' });
    await Event.bulkCreate(instants.map((at) => ({ at, venueId: venue.get('id') })));
  });

  it('a find, a to-many include and raw: true return the instants written, in a session time zone that is not UTC', async () => {
    const events = await Event.findAll({ order: [['id', 'ASC']] });
    expect(events.map((e) => (e.get('at') as Date).toISOString())).toEqual(instants.map((d) => d.toISOString()));
    const [venue] = await Venue.findAll({ include: [{ model: Event, as: 'events' }] });
    const nested = (venue?.get('events') as Model[]).map((e) => (e.get('at') as Date).getTime()).sort((a, b) => a - b);
    expect(nested).toEqual(instants.map((d) => d.getTime()).sort((a, b) => a - b));
    const raw = (await Event.findAll({ raw: true, order: [['id', 'ASC']] })) as unknown as { at: Date }[];
    expect(raw.map((r) => r.at instanceof Date && r.at.getTime())).toEqual(instants.map((d) => d.getTime()));
  });

  it.skipIf(dialect !== 'postgres')('PostgreSQL: a timestamptz parser set with pg.types.setTypeParser is used as it is', async () => {
    const before = pg.types.getTypeParser(1184, 'text');
    // An application's own parser (one that reads every value as the text's length in days, say).
    pg.types.setTypeParser(1184, 'text', (text: string) => new Date(text.length * 86_400_000));
    try {
      const events = await Event.findAll({ order: [['id', 'ASC']], limit: 1 });
      // The session zone is +05:30: PostgreSQL prints the instant in it, '2024-03-01 05:29:59.999+05:30'.
      expect((events[0]?.get('at') as Date).getTime()).toBe('2024-03-01 05:29:59.999+05:30'.length * 86_400_000);
    } finally {
      pg.types.setTypeParser(1184, 'text', before);
    }
    const again = await Event.findAll({ order: [['id', 'ASC']], limit: 1 });
    expect((again[0]?.get('at') as Date).toISOString()).toBe('2024-02-29T23:59:59.999Z');
  });
});
