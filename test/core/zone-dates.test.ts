import { dateInZone, dayNumber, fromDayNumber } from '../../src/core/dates';
import { dateInZoneFn, midnightInZoneFn, wallTimeToInstant } from '../../src/core/zone-dates';

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

describe('midnightInZoneFn', () => {
  it.each([
    'Europe/Moscow',
    'America/New_York',
    'America/Havana', // its clocks change at midnight
    'Africa/Casablanca', // its clocks change for Ramadan and back a month later
    'Australia/Lord_Howe', // half-hour changes
    'Asia/Kathmandu',
  ])('gives the midnight that wallTimeToInstant gives for every day of 2019–2023 (%s)', (zone) => {
    const midnight = midnightInZoneFn(zone);
    for (let n = dayNumber('2019-01-01'); n <= dayNumber('2023-12-31'); n++)
      expect([fromDayNumber(n), midnight(fromDayNumber(n)).getTime()]).toEqual([
        fromDayNumber(n),
        wallTimeToInstant(n * 86_400_000, zone).getTime(),
      ]);
  });

  it('asks Intl a few times a month, not once per date', () => {
    const formatToParts = jest.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      const midnight = midnightInZoneFn('America/New_York');
      for (let n = dayNumber('2021-01-01'); n <= dayNumber('2022-12-31'); n++) midnight(fromDayNumber(n));
      // 24 months × 3 probes, plus two lookups per day in the 4 months with a clock change.
      expect(formatToParts.mock.calls.length).toBeLessThanOrEqual(24 * 3 + 4 * 31 * 2);
    } finally {
      formatToParts.mockRestore();
    }
  });
});
