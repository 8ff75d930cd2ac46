import { coverage, coverageReason } from '../../src/core/coverage';
import { DEFAULT_FACTORS, type RiskFactor } from '../../src/core/risk-catalog';
import type { ProfileCell, RiskLevel, SchoolProfile } from '../../src/core/risk';
import type { Activity } from '../../src/core/roadmap-model';
import type { School } from '../../src/core/schools';
import { readSeed } from '../fixtures/seed-roadmaps';

function activity(fields: Partial<Activity>): Activity {
  return {
    id: '',
    number: '',
    sectionPath: [],
    title: '',
    deadlineText: '',
    deadline: { kind: 'empty', text: '', due: [], issues: [] },
    responsibleText: '',
    responsible: [],
    expectedResult: '',
    indicator: '',
    planned: '',
    plannedByYear: {},
    riskFactor: '',
    sourceRow: 0,
    sourceCell: '',
    ...fields,
  };
}

/** Seed 004 as `roadmap500 import` and the roadmap reader see it: its action plan by risk sections. */
const seed004Activities = (): Activity[] => readSeed('004_').activities;

const school = (code: string, name: string, row: number): School => ({
  code,
  fullName: `МБОУ «${name}»`,
  shortName: name,
  reporters: [],
  curators: [],
  row,
});
const cell = (level: RiskLevel, score: number | null = 0.7): ProfileCell => ({
  score,
  level,
  respondents: 9,
  byRole: { директор: 1, учитель: 3, ученик: 3, родитель: 2 },
});

/**
 * What the coverage sheet says of one activity done by all schools («ОО»): for a school with every risk of
 * the catalogue high, the factors it covers, each with why (`coverageReason`).
 */
function covered(a: Partial<Activity>, factors: readonly RiskFactor[] = DEFAULT_FACTORS): [string, string][] {
  const s = school('S', 'Крестинская СШ', 2);
  const profile: SchoolProfile = {
    school: s,
    cells: factors.map(() => cell('высокий')),
    byRole: { директор: 1, учитель: 3, ученик: 3, родитель: 2 },
    high: factors.length,
    medium: 0,
  };
  return coverage({ factors: [...factors], schools: [profile] }, [
    activity({ ...a, responsibleText: 'ОО', responsible: [] }),
  ]).flatMap((r) => r.matches.map((m): [string, string] => [r.factor.code, coverageReason(m)]));
}
const codes = (a: Partial<Activity>, factors?: readonly RiskFactor[]): string[] =>
  covered(a, factors).map(([code]) => code);

describe('the factors an activity covers, on seed 004 headings', () => {
  const acts = seed004Activities();
  const bySection = (prefix: string): Activity => {
    const a = acts.find((x) => x.sectionPath[x.sectionPath.length - 1]?.startsWith(`${prefix} `));
    if (!a) throw new Error(`no activity under ${prefix}`);
    return a;
  };

  it('reads the seed’s sections', () => {
    expect(acts.length).toBeGreaterThan(50);
    expect(bySection('1.2').sectionPath).toEqual([
      '1. Действия, направленные на преодоление недостаточной обеспеченности материальными ресурсами и кадрами',
      '1.2 Действия, направленные на преодоление дефицита кадров',
    ]);
  });

  it.each([
    ['1.1', ['R01']], // низкого уровня оснащенности ПРШ
    ['1.2', ['R02']], // дефицита кадров
    ['1.3', ['R03']], // недостаточной предметной и методической компетентности
    ['2.3', ['R05']], // недостаточного развития профессионального взаимодействия в коллективе
    ['2.4', ['R06']], // высокой доли обучающихся с рисками школьной неуспешности
    ['2.5', ['R04']], // высокой доли инклюзии
    ['3.1', ['R08']], // пониженного уровня школьного благосостояния
    ['3.3', ['R10']], // низкой учебной мотивации школьников
    ['3.4', ['R08']], // низкого уровня дисциплины в классе
    ['3.5', ['R09']], // проблем с вовлеченностью родителей
    ['3.2', ['R08']], // no factor of its own: the parent «…благоприятного школьного уклада»
    ['2.1', []], // мотивации руководителей: management, not in the catalogue
    ['2.6', []], // профориентационной работы
  ])('section %s → %j', (section, expected) => {
    expect(codes(bySection(section))).toEqual(expected);
  });

  it('takes an explicit «Фактор риска» cell over headings: codes, names or keywords', () => {
    const under12 = bySection('1.2');
    expect(codes({ ...under12, riskFactor: 'R09, r10' })).toEqual(['R09', 'R10']);
    expect(codes({ ...under12, riskFactor: 'Низкий уровень вовлеченности родителей' })).toEqual(['R09']);
    expect(codes({ ...under12, riskFactor: 'дисциплина на уроках' })).toEqual(['R08']);
  });

  it('says where the factor came from: the column, a section by number, or a heading without one', () => {
    expect(covered({ riskFactor: 'R02' })).toEqual([
      ['R02', 'ответственный «ОО» — все школы; фактор: столбец «Фактор риска»'],
    ]);
    expect(covered(bySection('1.2'))).toEqual([
      ['R02', 'ответственный «ОО» — все школы; фактор: раздел 1.2'],
    ]);
    expect(covered({ sectionPath: ['Меры по укреплению дисциплины на уроках'] })).toEqual([
      ['R08', 'ответственный «ОО» — все школы; фактор: раздел «Меры по укреплению дисциплины на уроках»'],
    ]);
  });

  it('works with a catalogue the user replaced by seed 004’s own sub-risks', () => {
    const own = [
      { code: 'Д', name: 'Низкий уровень дисциплины в классе', keywords: ['дисциплин'] },
      { code: 'И', name: 'Высокая доля инклюзии', keywords: ['инклюзи'] },
    ];
    expect(codes(bySection('3.4'), own)).toEqual(['Д']);
    expect(codes(bySection('2.5'), own)).toEqual(['И']);
    expect(codes(bySection('3.1'), own)).toEqual([]);
  });
});

describe('coverage', () => {
  const chist = school('CH', 'Чистовская СШ', 2);
  const okon = school('OK', 'Оконешниковская СШ', 3);
  const levels = (overrides: Record<string, RiskLevel>): ProfileCell[] =>
    DEFAULT_FACTORS.map((f) =>
      overrides[f.code]
        ? cell(overrides[f.code], overrides[f.code] === 'средний' ? 0.5 : 0.7)
        : cell('низкий', 0.1),
    );
  const profile = (s: School, overrides: Record<string, RiskLevel>): SchoolProfile => ({
    school: s,
    cells: levels(overrides),
    byRole: { директор: 1, учитель: 3, ученик: 3, родитель: 2 },
    high: 0,
    medium: 0,
  });

  it('lists, for each high and medium risk, the seed’s activities that address it, and nothing for an uncovered one', () => {
    const profiles = {
      factors: [...DEFAULT_FACTORS],
      schools: [
        profile(chist, { R02: 'высокий', R07: 'средний', R09: 'недостаточно данных' }),
        profile(okon, { R10: 'средний' }),
      ],
    };
    const rows = coverage(profiles, seed004Activities());
    expect(rows.map((r) => [r.school.code, r.factor.code, r.level])).toEqual([
      ['CH', 'R02', 'высокий'],
      ['CH', 'R07', 'средний'],
      ['OK', 'R10', 'средний'],
    ]);
    const [r02, r07, r10] = rows;
    // 1.2: «Мониторинг состояния кадрового ресурса…», «Реализация регионального подпроекта «Будущий учитель-учитель будущего»» …
    // 1.2.1, 1.2.2 and 1.2.6 are МОУО's alone: the district body does them, no school does
    expect(r02?.matches.map((m) => m.activity.id)).toEqual(['1.2.3', '1.2.4', '1.2.5']);
    expect(r02?.matches.map((m) => m.activity.title)).toContain(
      'Реализация регионального подпроекта «Будущий учитель-учитель будущего»',
    );
    expect(coverageReason(r02?.matches[0])).toBe('ответственный «ПРШ» — все школы; фактор: раздел 1.2');
    expect(r07?.matches).toEqual([]);
    // 3.3.1 is МОУО's alone, even though its title speaks of «программы перевода школы»; 3.3.2 is «МОУО ПРШ»
    expect(r10?.matches.map((m) => m.activity.id)).toEqual(['3.3.2']);
  });

  it('counts an activity only for the schools it names when it names them', () => {
    const named = activity({
      id: 'x',
      title: 'Семинар по дисциплине',
      responsibleText: 'МБОУ «Чистовская СШ»',
      riskFactor: 'R08',
    });
    const profiles = {
      factors: [...DEFAULT_FACTORS],
      schools: [profile(chist, { R08: 'высокий' }), profile(okon, { R08: 'высокий' })],
    };
    const rows = coverage(profiles, [named]);
    expect(rows.map((r) => [r.school.code, r.matches.length])).toEqual([
      ['CH', 1],
      ['OK', 0],
    ]);
    expect(coverageReason(rows[0]?.matches[0])).toBe(
      'ответственный «МБОУ «Чистовская СШ»»; фактор: столбец «Фактор риска»',
    );
  });

  const krest = school('KR', 'Крестинская СШ', 4);
  const all3 = (): SchoolProfile[] => [chist, okon, krest].map((s) => profile(s, { R08: 'высокий' }));
  const reached = (a: Partial<Activity>): string[] =>
    coverage({ factors: [...DEFAULT_FACTORS], schools: all3() }, [activity({ riskFactor: 'R08', ...a })])
      .filter((r) => r.matches.length > 0)
      .map((r) => r.school.code);

  it.each([
    ['Крестинская СШ'],
    ['в Крестинской СШ'],
    ['МБОУ «Крестинская СШ»'],
    ['МОУО, Крестинской СШ'],
    ['Директор МБОУ "Крестинская СШ"'],
  ])('finds the school in the responsible «%s», in any case and with or without legal form', (text) => {
    expect(reached({ responsibleText: text, title: 'Семинар для школы' })).toEqual(['KR']);
  });

  it.each([['ОО'], ['ШНОР'], ['все школы'], ['руководители ОО'], ['УО, ММЦ, ОО'], ['МОУО ПРШ группы риска']])(
    'reaches every school through a generic party «%s»',
    (text) => {
      expect(reached({ responsibleText: text })).toEqual(['CH', 'OK', 'KR']);
    },
  );

  it.each([
    ['для школы', ''],
    ['Семинар для руководителей ОО', ''],
    ['Публикация', 'на сайтах УО и школ'],
  ])(
    'never widens to all schools from the title «%s» or result «%s» when the responsible is one school',
    (title, result) => {
      expect(reached({ responsibleText: 'МБОУ «Крестинская СШ»', title, expectedResult: result })).toEqual([
        'KR',
      ]);
      expect(reached({ responsibleText: 'МОУО', title, expectedResult: result })).toEqual([]);
    },
  );

  it('uses the parties the roadmap reader resolved, when there are any', () => {
    expect(
      reached({ responsibleText: 'Иванова И.И.', responsible: [{ name: 'Оконешниковская СШ' }] }),
    ).toEqual(['OK']);
  });
});
