/**
 * regionalFigures (the Apps Script path of `Региональная сводка`) over generated regions: the same figures
 * as the per-municipality filtering it replaced, and work that grows with the rows, not with rows ×
 * municipalities (counted as callback invocations and iterator steps, never timed).
 */
import { addDays } from '../../src/core/dates';
import {
  TABLES,
  TABLE_NAMES,
  type DataTables,
  type ModelRow,
  type ModelValue,
  type TableName,
} from '../../src/core/data-model';
import {
  mergeFigures,
  regionalFigures,
  REPORT_WINDOW_DAYS,
  type RegionalFigures,
} from '../../src/core/regional-summary';
import { LEVEL } from '../../src/core/risk';
import { prng } from '../../src/core/sample-responses';

const AS_OF = '2022-03-31';
const STATUSES = ['Выполнено', 'Просрочено', 'В работе', 'Скоро срок', 'Не начато'];
const FACTORS = ['R01', 'R02', 'R03', 'R04'];

const row = (t: TableName, values: Record<string, ModelValue>): ModelRow =>
  TABLES[t].map((c) => values[c.name] ?? null);

/** One municipality's rows, drawn from `seed`: a few of everything, some of it outside the 30 days. */
function municipality(code: string, seed: number): DataTables {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const upTo = (n: number): number => Math.floor(rnd() * (n + 1));
  const schools = Array.from({ length: 1 + upTo(6) }, (_, i) => `SCH${i + 1}`);
  const t: DataTables = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as DataTables;
  t.municipalities.push(row('municipalities', { municipality: code, name: `Район ${code}`, as_of: AS_OF }));
  for (let i = 0; i < upTo(15); i++) {
    const status = pick(STATUSES);
    const overdue = status === 'Просрочено';
    t.activities.push(
      row('activities', {
        municipality: code,
        activity_id: String(i + 1),
        status,
        due: rnd() < 0.2 ? null : addDays(AS_OF, overdue ? -1 - upTo(400) : upTo(200) - 100),
        days_overdue: overdue ? 1 + upTo(400) : 0,
      }),
    );
    // Each school assigned or not, with its own status on the activity.
    for (const school of schools)
      if (rnd() < 0.4)
        t.activity_schools.push(
          row('activity_schools', {
            municipality: code,
            activity_id: String(i + 1),
            school: rnd() < 0.2 ? ` ${school.toLowerCase()} ` : school,
            status: pick(STATUSES),
          }),
        );
  }
  for (let i = 0; i < upTo(12); i++)
    t.reports.push(
      row('reports', {
        municipality: code,
        // Some a day before the window, some on its first day, some after as_of.
        report_date:
          rnd() < 0.1 ? null : addDays(AS_OF, upTo(REPORT_WINDOW_DAYS + 5) - REPORT_WINDOW_DAYS - 2),
        school: rnd() < 0.2 ? ` ${pick(schools).toLowerCase()} ` : pick(schools),
      }),
    );
  for (const s of schools) t.schools.push(row('schools', { municipality: code, school: s }));
  for (const s of schools)
    for (const f of FACTORS) {
      const level = pick([LEVEL.high, LEVEL.medium, LEVEL.low]);
      t.risks.push(
        row('risks', { municipality: code, school: s, factor: f, factor_name: `Фактор ${f}`, level }),
      );
      if (level !== LEVEL.low)
        t.coverage.push(
          row('coverage', { municipality: code, school: s, factor: f, level, covered: rnd() < 0.5 }),
        );
    }
  return t;
}

/** `n` municipalities, each drawn from `seedOf(k)`, every table's rows interleaved across municipalities. */
function region(n: number, seedOf: (k: number) => number): DataTables {
  const parts = Array.from({ length: n }, (_, k) =>
    municipality(`M${String(k).padStart(4, '0')}`, seedOf(k)),
  );
  const shuffle = prng(n);
  return Object.fromEntries(
    TABLE_NAMES.map((t) => [
      t,
      parts
        .flatMap((p) => p[t])
        .map((r) => [shuffle(), r] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, r]) => r),
    ]),
  ) as unknown as DataTables;
}

/**
 * What the function did before grouping, as an oracle: every table filtered once per municipality (then
 * the figures of those rows alone), which is quadratic in municipalities.
 */
function filteredPerMunicipality(tables: DataTables): RegionalFigures {
  return mergeFigures(
    tables.municipalities.map(([code]) =>
      regionalFigures(
        Object.fromEntries(
          TABLE_NAMES.map((t) => [t, tables[t].filter((r) => r[0] === code)]),
        ) as unknown as DataTables,
      ),
    ),
  );
}

type Method = (this: unknown[], ...args: unknown[]) => unknown;
const CALLBACK_METHODS = [
  'filter',
  'map',
  'forEach',
  'reduce',
  'some',
  'every',
  'find',
  'findIndex',
  'flatMap',
];

/**
 * How many elements `run` visits: each callback an array method calls, and each step of an array
 * iterator (for…of, spread, new Set(array), Object.fromEntries). Array.prototype is restored after.
 */
function visits(run: () => unknown): number {
  let n = 0;
  const proto = Array.prototype as unknown as Record<string, Method>;
  const saved = CALLBACK_METHODS.map((m) => [m, proto[m]] as const);
  const iterator = Object.getPrototypeOf([][Symbol.iterator]()) as { next: Method };
  const next = iterator.next;
  try {
    for (const [m, original] of saved)
      proto[m] = function (this: unknown[], callback: unknown, ...rest: unknown[]): unknown {
        const counted = function (this: unknown, ...args: unknown[]): unknown {
          n += 1;
          return (callback as Method).apply(this as unknown[], args);
        };
        return original.call(this, counted, ...rest);
      };
    iterator.next = function (this: unknown[]): unknown {
      n += 1;
      return next.call(this);
    };
    run();
  } finally {
    for (const [m, original] of saved) proto[m] = original;
    iterator.next = next;
  }
  return n;
}

describe('regionalFigures', () => {
  it('counts as «без отчётов» only the schools an assigned activity awaits a report from, as the weekly summary does', () => {
    const t: DataTables = Object.fromEntries(TABLE_NAMES.map((n) => [n, []])) as unknown as DataTables;
    t.municipalities.push(row('municipalities', { municipality: 'M', name: 'Район', as_of: AS_OF }));
    for (const s of ['SCH1', 'SCH2', 'SCH3', 'SCH4'])
      t.schools.push(row('schools', { municipality: 'M', school: s }));
    // SCH1 is overdue on its activity, SCH2 done, SCH3 starts later, SCH4 is assigned nothing: none reported.
    for (const [school, status] of [
      ['SCH1', 'Просрочено'],
      ['SCH2', 'Выполнено'],
      ['SCH3', 'Запланировано'],
    ] as const)
      t.activity_schools.push(
        row('activity_schools', { municipality: 'M', activity_id: '1', school, status }),
      );
    const [m] = regionalFigures(t).municipalities;
    expect(m).toMatchObject({ schools: 4, schools_without_reports: 1 });
  });

  it('gives the figures of filtering every table per municipality, on generated regions', () => {
    for (const [n, seed] of [
      [1, 1],
      [7, 2],
      [60, 3],
    ] as const) {
      const tables = region(n, (k) => seed * 1000 + k);
      const figures = regionalFigures(tables);
      expect(figures).toEqual(filteredPerMunicipality(tables));
      expect(figures.municipalities).toHaveLength(n);
    }
    // The generated data reaches every branch: overdue, recent reports, schools without them, risks.
    const figures = regionalFigures(region(60, (k) => 3000 + k)).municipalities;
    for (const k of [
      'overdue',
      'reports_30d',
      'schools_without_reports',
      'high',
      'medium',
      'uncovered',
    ] as const)
      expect(figures.some((m) => m[k] !== null && m[k] > 0)).toBe(true);
  });

  it('visits each row a fixed number of times: 10× the municipalities is 10× the work, not 100×', () => {
    // Every municipality has the same rows (one seed), so the work per municipality is the same.
    const small = region(20, () => 7);
    const large = region(200, () => 7);
    const [few, many] = [small, large].map((t) => visits(() => regionalFigures(t)));
    expect(many).toBeLessThanOrEqual(10 * (few ?? 0));
    // The counter sees filtering per municipality (the oracle, as the old code did): 42× here
    // (14 672 → 614 432), against 9.8× (6 609 → 64 929) now.
    const [oldFew, oldMany] = [small, large].map((t) => visits(() => filteredPerMunicipality(t)));
    expect(oldMany).toBeGreaterThan(20 * (oldFew ?? 0));
  });
});
