/**
 * `instance.isSoftDeleted()`, run on sequelize@6 and on relata on every dialect and compared: false
 * for a new or live row, true once destroyed (soft) and when loaded with `paranoid: false`, false
 * again after restore; a model that is not paranoid refuses the question.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as RelataLib from '../../src/index.js';
import { describeEachDialect } from '../support/dialects.js';
import { pairedLibraries, type LibraryApi } from '../support/paired-libraries.js';

type Api = LibraryApi;

describeEachDialect('isSoftDeleted, relata against sequelize@6', ({ dialect, connect, url }) => {
  const { apis, both } = pairedLibraries({ dialect, connect, url });

  it('follows destroy and restore of a paranoid row; a model that is not paranoid throws', async () => {
    const results = await both(async ({ db, L, lib }) => {
      const Note = db.define('SoftNote', { text: L.DataTypes.STRING }, { paranoid: true });
      const Plain = db.define('SoftPlain', { text: L.DataTypes.STRING });
      await Note.sync({ force: true });
      await Plain.sync({ force: true });
      const built = Note.build({ text: 'a' });
      const note = await Note.create({ text: 'b' });
      const created = note.isSoftDeleted();
      await note.destroy();
      const destroyed = note.isSoftDeleted();
      const reloaded = (await Note.findByPk(note.get('id') as number, { paranoid: false }))?.isSoftDeleted();
      await note.restore();
      const restored = note.isSoftDeleted();
      const plain = await Plain.create({ text: 'c' });
      let refused: string | undefined;
      try {
        plain.isSoftDeleted();
      } catch (error) {
        if (lib === 'relata') expect(error).toBeInstanceOf(RelataLib.InvalidOptionError);
        refused = 'threw';
      }
      return { built: built.isSoftDeleted(), created, destroyed, reloaded, restored, refused };
    });
    expect(results.relata).toEqual(results.sequelize);
    expect(results.relata).toEqual({ built: false, created: false, destroyed: true, reloaded: true, restored: false, refused: 'threw' });
  });
});
