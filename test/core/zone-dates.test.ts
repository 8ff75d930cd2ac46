import { dateInZone } from '../../src/core/dates';
import { dateInZoneFn, wallTimeToInstant } from '../../src/core/zone-dates';

describe('dateInZoneFn', () => {
  it.each([
    'Europe/Moscow',
    'Asia/Vladivostok',
    'Europe/Kaliningrad',
    'America/New_York',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
  ])('agrees with dateInZone every 37 minutes over a year with clock changes (%s)', (zone) => {
    const f = dateInZoneFn(zone);
    for (let t = Date.UTC(2021, 2, 1); t < Date.UTC(2021, 3, 15); t += 37 * 60_000)
      expect(f(new Date(t))).toBe(dateInZone(new Date(t), zone));
    for (let t = Date.UTC(2021, 9, 25); t < Date.UTC(2021, 10, 10); t += 37 * 60_000)
      expect(f(new Date(t))).toBe(dateInZone(new Date(t), zone));
  });
});

describe('wallTimeToInstant', () => {
  it.each([
    ['Asia/Vladivostok', Date.UTC(2021, 3, 5, 10, 30), '2021-04-05T00:30:00.000Z'],
    ['Europe/Kaliningrad', Date.UTC(2021, 3, 5, 0, 0), '2021-04-04T22:00:00.000Z'],
    ['America/New_York', Date.UTC(2021, 6, 1, 12, 0), '2021-07-01T16:00:00.000Z'],
  ])('%s', (zone, wall, iso) => expect(wallTimeToInstant(wall, zone).toISOString()).toBe(iso));
});
