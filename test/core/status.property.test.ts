/** Properties of periods and statuses over generated dates (fast-check), beyond the boundary tables. */
import fc from 'fast-check';
import { addDays, daysBetween, fromDayNumber, dayNumber } from '../../src/core/dates';
import type { Deadline, RecurrenceUnit } from '../../src/core/deadline-types';
import { periodContaining, periodKeyOf, periodLabel, periodOfKey, periodsOf } from '../../src/core/periods';
import { computeStatus } from '../../src/core/status';

const day = fc.integer({ min: dayNumber('2019-01-01'), max: dayNumber('2026-12-31') }).map(fromDayNumber);
const unit = fc.constantFrom<RecurrenceUnit>('week', 'month', 'quarter', 'half-year', 'year');

describe('periods', () => {
  it('are ascending and contiguous, unique by key, found by their own days, and at least half inside the bounds', () => {
    fc.assert(
      fc.property(
        unit,
        fc.integer({ min: 1, max: 3 }),
        day,
        fc.integer({ min: 0, max: 900 }),
        (u, interval, start, length) => {
          const end = addDays(start, length);
          const d: Deadline = {
            kind: 'recurring',
            text: '',
            due: [],
            issues: [],
            start,
            end,
            recurrence: { unit: u, interval, timesPerPeriod: 1 },
          };
          const ps = periodsOf(d, { periodStart: start, periodEnd: end });
          expect(new Set(ps.map((p) => p.key)).size).toBe(ps.length);
          ps.forEach((p, i) => {
            expect(p.start <= p.end).toBe(true);
            if (i > 0) expect(daysBetween(ps[i - 1]?.end, p.start)).toBe(1);
            expect(periodContaining(ps, p.start)).toBe(p);
            expect(periodContaining(ps, p.end)).toBe(p);
          });
          // Each period lies at least half within the bounds.
          for (const p of ps) {
            const inside = daysBetween(p.start > start ? p.start : start, p.end < end ? p.end : end) + 1;
            expect(inside * 2).toBeGreaterThanOrEqual(daysBetween(p.start, p.end) + 1);
          }
        },
      ),
    );
  });

  it('single-unit periods round-trip through their key and (except weeks) their Russian label', () => {
    fc.assert(
      fc.property(unit, day, (u, start) => {
        const d: Deadline = {
          kind: 'recurring',
          text: '',
          due: [],
          issues: [],
          recurrence: { unit: u, interval: 1, timesPerPeriod: 1 },
        };
        for (const p of periodsOf(d, { periodStart: start, periodEnd: addDays(start, 120) })) {
          expect(periodOfKey(p.key)).toEqual(p);
          expect(periodKeyOf(p.key)).toBe(p.key);
          if (u !== 'week') expect(periodKeyOf(periodLabel(p))).toBe(p.key);
        }
      }),
    );
  });
});

describe('status of one due date without reports', () => {
  const settings = { soonDays: 7, periodStart: '2019-01-01', periodEnd: '2026-12-31' };
  const order = ['Запланировано', 'Скоро срок', 'Просрочено'];
  it('moves forward only as days pass, with days overdue = days since the due date', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: -40, max: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (due, offset, step) => {
          const d: Deadline = { kind: 'date', text: '', due: [due], end: due, issues: [] };
          const today = addDays(due, offset);
          const a = computeStatus({ id: 'x', deadline: d }, [], today, settings);
          const b = computeStatus({ id: 'x', deadline: d }, [], addDays(today, step), settings);
          expect(order.indexOf(b.status)).toBeGreaterThanOrEqual(order.indexOf(a.status));
          expect(a.daysOverdue).toBe(Math.max(0, offset));
          expect(a.status).toBe(offset > 0 ? 'Просрочено' : offset >= -7 ? 'Скоро срок' : 'Запланировано');
        },
      ),
    );
  });
});
