import { Faker, base, en } from '@faker-js/faker';
import { createPeople } from '../src/seed/event-factory';
import { SEED_LOCALE } from '../src/seed/generated/seed-locale';
import { seedStore, type SeedOptions } from '../src/seed/seed-store';

// The seed reads a generated subset of faker's `en` locale (scripts/msw-build/generate.mjs), which keeps
// about 330 KB out of the browser bundle. It must generate exactly what the whole locale generates.
describe('the seed locale (a subset of faker en)', () => {
  it('makes the same people as the whole en locale, over many draws', () => {
    for (const seed of [1, 2, 3, 42]) {
      expect(createPeople(new Faker({ locale: SEED_LOCALE, seed }), 2000)).toEqual(createPeople(new Faker({ locale: [en, base], seed }), 2000));
    }
  });

  it('makes the same store as the whole en locale', () => {
    const options: SeedOptions = { seed: 7, tasks: 60, events: 3000 };
    let whole: ReturnType<typeof seedStore> | undefined;
    jest.isolateModules(() => {
      jest.doMock('../src/seed/generated/seed-locale', () => ({ SEED_LOCALE: [en, base] }));
      whole = (require('../src/seed/seed-store') as typeof import('../src/seed/seed-store')).seedStore(options);
    });
    const subset = seedStore(options);
    expect([subset.systemTasks.all(), subset.events.all()]).toEqual([whole!.systemTasks.all(), whole!.events.all()]);
  });

  it('holds only what the seed reads', () => {
    expect(Object.fromEntries(Object.entries(SEED_LOCALE).map(([category, entries]) => [category, Object.keys(entries!)]))).toEqual({
      person: ['first_name', 'last_name', 'last_name_pattern'],
      internet: ['free_email'],
    });
  });
});
