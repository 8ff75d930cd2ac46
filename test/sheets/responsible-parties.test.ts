/** Bodies and people written as coordinators write them get their digests (validateRoadmap → previewReminders). */
import { SCHOOLS_HEADER } from '../../src/core/layouts';
import { SHEETS } from '../../src/core/messages';
import { LocalHost } from '../../src/local/host';
import type { JobResult } from '../../src/sheets/job';
import { previewReminders, sendReminders } from '../../src/sheets/reminders';
import { ROADMAP_COL } from '../../src/sheets/roadmap-sheet';
import { validateRoadmap } from '../../src/sheets/validate-roadmap';
import { mailWorkbook } from './mail-workbook';

const TODAY = '2021-04-21';
const OVERDUE = '10.04.2021';

/** Each party's responsible cell, the row of `Ответственные` it must reach ([code, full name, email]). */
const BODIES: [string, [string, string, string]][] = [
  [
    'Министерство образования и науки Калужской области',
    ['', 'Министерство образования и науки Калужской области', 'minobr@example.ru'],
  ],
  [
    'Управление образования и по делам молодежи',
    ['УОДМ', 'Управление образования и по делам молодежи', 'uodm@example.ru'],
  ],
  ['Комитет по культуре и спорту', ['', 'Комитет по культуре и спорту', 'kks@example.ru']],
  [
    'Отдел дошкольного и общего образования',
    ['', 'Отдел дошкольного и общего образования', 'odoo@example.ru'],
  ],
  [
    'Управление образования и молодежной политики',
    ['УОМП', 'Управление образования и молодежной политики', 'uomp@example.ru'],
  ],
];

const PEOPLE: [string, string, string][] = [
  ['Ильина С.В.', '', 'ilina@example.ru'],
  ['', 'Мороз Анна Петровна', 'moroz@example.ru'],
  ['УМЦ', 'Учебно-методический центр', 'umc@example.ru'],
  ['директора школ', '', 'schools@example.ru'],
];

/** Addresses the preview would write to, and the validation problems about unknown parties. */
function run(
  rows: [string, string, string, string][],
  addresses: [string, string, string][],
): { to: string[]; unknown: string[]; validation: JobResult } {
  const host = LocalHost.fromSheets(mailWorkbook(rows, addresses), { now: TODAY });
  const validation = validateRoadmap(host.services());
  const unknown = host
    .values(SHEETS.check)
    .slice(1)
    .map((r) => String(r[3]))
    .filter((m) => m.includes('не найден'));
  previewReminders(host.services());
  expect(host.sentMail).toHaveLength(0);
  const summary = host.values(SHEETS.summary);
  const at = summary[1].map(String).indexOf('Кому');
  const to = [...new Set(summary.slice(2).map((r) => String(r[at] ?? '')))].filter((t) => t.includes('@'));
  return { to: to.sort(), unknown, validation };
}

describe('responsible parties as written reach their addresses', () => {
  it('a body whose name contains «и», listed under its full name, receives its digest', () => {
    const rows = BODIES.map(([cell], k): [string, string, string, string] => [
      `${k + 1}`,
      `Мероприятие ${k + 1}`,
      OVERDUE,
      cell,
    ]);
    const { to, unknown, validation } = run(
      rows,
      BODIES.map(([, a]) => a),
    );
    expect(validation.exitCode).toBe(0);
    expect(unknown).toEqual([]);
    expect(to).toEqual(BODIES.map(([, a]) => a[2]).sort());
  });

  it('«УМЦ и директора школ» is two parties, «С.В. Ильина А.П. Мороз» two people, «Мороз А.П.» one', () => {
    const rows: [string, string, string, string][] = [
      ['1', 'Семинар', OVERDUE, 'УМЦ и директора школ'],
      ['2', 'Консультации', OVERDUE, 'С.В. Ильина А.П. Мороз'],
      ['3', 'Отчёт', OVERDUE, 'Мороз А.П.'],
    ];
    const { to, unknown } = run(rows, PEOPLE);
    expect(unknown).toEqual([]);
    expect(to).toEqual(['ilina@example.ru', 'moroz@example.ru', 'schools@example.ru', 'umc@example.ru']);
  });

  it('«(далее - Министерство)» / «(далее – Министерство)» lets later rows name the body by its short name', () => {
    for (const dash of ['-', '–']) {
      const rows: [string, string, string, string][] = [
        [
          '1',
          'Мониторинг',
          '01.09.2021',
          `Министерство образования и науки Калужской области (далее ${dash} Министерство)`,
        ],
        ['2', 'Отбор школ', OVERDUE, 'Министерство'],
        ['3', 'Семинар', OVERDUE, 'Министерство, УМЦ'],
      ];
      const { to, unknown } = run(rows, [BODIES[0][1], PEOPLE[2]]);
      expect(unknown).toEqual([]);
      expect(to).toEqual(['minobr@example.ru', 'umc@example.ru']);
    }
  });
});

describe('names with a legal form, a person’s full name, a clause or a line break stay one party', () => {
  /** Each cell as written in the roadmap, and its row of `Ответственные`. */
  const NAMES: [string, [string, string, string]][] = [
    ['МОУ Чарская СОШ №1', ['', 'МОУ Чарская СОШ №1', 'chara1@example.ru']],
    ['МБОУ СОШ № 5', ['МБОУ СОШ № 5', '', 'sosh5@example.ru']],
    [
      'ГАУ ДПО «Институт развития образования Забайкальского края»',
      ['', 'ГАУ ДПО «Институт развития образования Забайкальского края»', 'iro@example.ru'],
    ],
    [
      'МКУ "Управление образования" администрации Каларского района',
      ['', 'МКУ "Управление образования" администрации Каларского района', 'kalar@example.ru'],
    ],
    ['Иванова Ирина Ивановна', ['Иванова Ирина Ивановна', '', 'ivanova@example.ru']],
    [
      'органы местного самоуправления, осуществляющие управление в сфере образования',
      [
        'ОМСУ',
        'органы местного самоуправления, осуществляющие управление в сфере образования',
        'omsu@example.ru',
      ],
    ],
    [
      'Управление образования\nадминистрации Чарского района',
      ['', 'Управление образования администрации Чарского района', 'uo.chara@example.ru'],
    ],
  ];
  const rows = NAMES.map(([cell], k): [string, string, string, string] => [
    `${k + 1}`,
    `Мероприятие ${k + 1}`,
    OVERDUE,
    cell,
  ]);

  it('«Дорожная карта» shows each as written, «Проверка» finds them all, each gets its digest', () => {
    const host = LocalHost.fromSheets(
      mailWorkbook(
        rows,
        NAMES.map(([, a]) => a),
      ),
      { now: TODAY },
    );
    validateRoadmap(host.services());
    const shown = host
      .values(SHEETS.roadmap)
      .slice(1)
      .map((r) => String(r[ROADMAP_COL.responsible - 1]));
    expect(shown).toEqual(NAMES.map(([cell]) => cell.replace('\n', ' ')));
    const { to, unknown } = run(
      rows,
      NAMES.map(([, a]) => a),
    );
    expect(unknown).toEqual([]);
    expect(to).toEqual(NAMES.map(([, a]) => a[2]).sort());
  });

  it('«Иванова Ирина Ивановна» in a cell reaches «Иванова И.И.» of `Ответственные`', () => {
    const { to, unknown } = run(
      [['1', 'Семинар', OVERDUE, 'Иванова Ирина Ивановна']],
      [['Иванова И.И.', '', 'ivanova@example.ru']],
    );
    expect(unknown).toEqual([]);
    expect(to).toEqual(['ivanova@example.ru']);
  });
});

/** Runs validateRoadmap; the messages of `Проверка` about a party not found or without an address. */
function addressProblems(host: LocalHost): string[] {
  validateRoadmap(host.services());
  return host
    .values(SHEETS.check)
    .slice(1)
    .map((r) => String(r[3]))
    .filter((m) => /не найден|нет адреса/.test(m));
}

describe('positions, prepositions, «Имя Отчество Фамилия» and notes in brackets (QA: false «нет адреса»)', () => {
  const SCHOOLS = [
    ['SCH5', 'МБОУ «Средняя общеобразовательная школа № 5»', 'СОШ № 5', 'sosh5@school.ru', ''],
    ['LIC2', 'МБОУ «Лицей № 2»', 'Лицей № 2', 'licey2@school.ru', ''],
    ['KRS', 'МКОУ «Крестинская средняя школа»', 'Крестинская СШ', 'krest@school.ru', ''],
  ];
  const ROWS: [string, string, string, string][] = [
    ['1', 'Открытый урок', OVERDUE, 'директор Лицея № 2'],
    ['2', 'Курсы для педагогов', OVERDUE, 'в Крестинской СШ'],
    ['3', 'Педсовет', OVERDUE, 'заместитель директора по УВР МБОУ «Лицей № 2»'],
    ['4', 'Анализ ВПР', OVERDUE, 'Иванова И.И.'],
    ['5', 'Аудит', OVERDUE, 'Ирина Ивановна Иванова'],
    ['6', 'Диагностика', OVERDUE, 'Сидорова А.В. (куратор)'],
    ['7', 'Стажировка', OVERDUE, 'Петров П.П. (по согласованию), руководитель СОШ № 5'],
  ];
  const PEOPLE_ROWS: [string, string, string][] = [
    ['', 'Иванова Ирина Ивановна', 'ivanova@uo.ru'],
    ['Петров П.П.', 'Петров Пётр Петрович', 'petrov@uo.ru'],
    ['Сидорова А.В.', 'Сидорова Анна Викторовна', 'sidorova@uo.ru'],
  ];

  it('each party is one, «Проверка» finds all, no «Нет адреса», each activity reaches its addressee', () => {
    const host = LocalHost.fromSheets(
      { ...mailWorkbook(ROWS, PEOPLE_ROWS), [SHEETS.schools]: [[...SCHOOLS_HEADER], ...SCHOOLS] },
      { now: TODAY, dailyQuota: 100 },
    );
    expect(addressProblems(host)).toEqual([]);
    const shown = host
      .values(SHEETS.roadmap)
      .slice(1)
      .map((r) => String(r[ROADMAP_COL.responsible - 1]));
    expect(shown).toEqual(ROWS.map(([, , , cell]) => cell));
    expect(previewReminders(host.services()).message).not.toContain('Нет адреса');
    const sent = sendReminders(host.services());
    expect(sent.message).not.toContain('Нет адреса');
    /** Activity numbers each address got, from the letters' text. */
    const got = (address: string): string[] =>
      host.sentMail
        .filter((m) => m.to.split(/,\s*/).includes(address))
        .flatMap((m) => ROWS.filter(([, title]) => m.text.includes(title)).map(([n]) => n));
    expect(got('licey2@school.ru')).toEqual(expect.arrayContaining(['1', '3']));
    expect(got('krest@school.ru')).toEqual(['2']);
    expect(got('sosh5@school.ru')).toEqual(['7']);
    expect(got('ivanova@uo.ru').sort()).toEqual(['4', '5']);
    expect(got('sidorova@uo.ru')).toEqual(['6']);
    expect(got('petrov@uo.ru')).toEqual(['7']);
  });

  it('an address written with a name in one cell reaches the same name in the others', () => {
    const rows: [string, string, string, string][] = [
      ['1', 'Семинар', OVERDUE, 'Петрова С.А. (petrova@school.ru)'],
      ['2', 'Отчёт', OVERDUE, 'Петрова С.А.'],
      ['3', 'Мониторинг', OVERDUE, 'УМЦ, Петрова С.А. (по согласованию)'],
    ];
    const host = LocalHost.fromSheets(mailWorkbook(rows, [PEOPLE[2]]), { now: TODAY, dailyQuota: 100 });
    expect(addressProblems(host)).toEqual([]);
    const sent = sendReminders(host.services());
    expect(sent.message).not.toContain('Нет адреса');
    const letter = host.sentMail.find((m) => m.to === 'petrova@school.ru');
    for (const [, title] of rows) expect(letter?.text).toContain(title);
  });
});
