import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPORTS_HEADER } from '../../src/core/layouts';
import { LocalHost } from '../../src/local/host';
import type { ConditionalFormatRule } from '../../src/local/rules';
import type { Sheet } from '../../src/local/spreadsheet';
import { summarizeIndicators } from '../../src/core/indicators';
import {
  currentIndicators,
  INDICATOR_PROGRESS_HEADER,
  refreshIndicators,
} from '../../src/sheets/indicators-job';
import { loadRoadmap } from '../../src/sheets/roadmap-source';
import { writeSummarySection } from '../../src/sheets/summary-sheet';
import { validateRoadmap } from '../../src/sheets/validate-roadmap';

const opts = { now: '2021-11-20', timeZone: 'Europe/Moscow' };
const INDICATORS = [
  ['№ мероприятия', 'Показатель', 'Ед. изм.', 'Плановое значение', '2021', '2022', 'Факт 2021'],
  ['4.7', 'Число семинаров для руководителей', 'шт.', 'не менее 3', '1', '2', ''],
  ['2.4.1', 'Доля обучающихся с рисками неуспешности', '%', 'не более 15%', 'до 20%', 'до 15%', ''],
  ['1.3', 'Охват самооценкой', '%', '100%', '100%', '', '60%'],
  ['4.1', 'Пакет инструментов', '', '1; 10', '', '', ''],
];
const report = (
  school: string,
  id: string,
  period: string,
  fact: string,
  when = '10.06.2021 10:00',
): string[] => [
  when,
  'r@example.ru',
  school,
  id,
  period,
  'Выполнено',
  fact,
  '',
  '',
  `${school}-${id}-${period}`,
];
const REPORTS = [
  [...REPORTS_HEADER],
  report('ШК1', '4.7', '', '1'),
  report('ШК2', '4.7', '', '1'),
  report('ШК1', '2.4.1', '2021-Q2', '25%'),
  report('ШК2', '2.4.1', '2021-Q2', '13%'),
];

const summary = (host: LocalHost): string[][] =>
  host.values('Сводка').map((r) => r.map((v) => String(v ?? '')));
const rowOf = (rows: string[][], name: string, year: string): string[] => {
  const found = rows.find((r) => r[0] === name && r[3] === year);
  if (!found) throw new Error(`no row ${name} ${year}`);
  return found;
};
const rulesOf = (host: LocalHost): ConditionalFormatRule[] =>
  (host.spreadsheet.getSheetByName('Сводка') as unknown as Sheet).getConditionalFormatRules();

describe('refreshIndicators', () => {
  const host = LocalHost.fromSheets({ Показатели: INDICATORS, Отчёты: REPORTS }, opts);
  const before = host.values('Показатели');
  const result = refreshIndicators(host.services());
  const rows = summary(host);

  it('writes section «Показатели» of «Сводка» with one row per indicator and year', () => {
    expect(rows[0]?.[0]).toBe('Показатели — обновлено 20.11.2021 12:00');
    expect(rows[1]?.slice(0, 10)).toEqual([...INDICATOR_PROGRESS_HEADER]);
    expect(rowOf(rows, 'Число семинаров для руководителей', '2021').slice(3, 9)).toEqual([
      '2021',
      '1',
      '2',
      '200',
      'достигнуто',
      'отчёты',
    ]);
    expect(rowOf(rows, 'Число семинаров для руководителей', '2022').slice(4, 8)).toEqual([
      '2',
      '',
      '',
      'нет данных',
    ]);
    expect(rowOf(rows, 'Число семинаров для руководителей', 'весь период').slice(4, 8)).toEqual([
      'не менее 3',
      '2',
      '66.7',
      'не достигнуто',
    ]);
    // «до 20%»: the mean of 25% and 13% is 19% — achieved; less is better.
    expect(rowOf(rows, 'Доля обучающихся с рисками неуспешности', '2021').slice(4, 8)).toEqual([
      'до 20%',
      '19',
      '105.3',
      'достигнуто',
    ]);
    expect(rowOf(rows, 'Охват самооценкой', '2021').slice(4, 9)).toEqual([
      '100%',
      '60',
      '60',
      'не достигнуто',
      'вручную',
    ]);
    expect(rowOf(rows, 'Пакет инструментов', 'весь период')[9]).toMatch(
      /не прочитано: D5 \(см\. «Показатели»\)/,
    );
    // Whole numbers show without a decimal point, fractions with one; text stays text.
    const sheet = host.spreadsheet.getSheetByName('Сводка');
    expect(sheet?.getRange('D3:G3').getNumberFormats()).toEqual([['@', '@', '0', '0']]);
    expect(sheet?.getRange('G5').getNumberFormats()).toEqual([['0.0##']]);
  });

  it('tells the user the counts, and leaves «Показатели» as it was', () => {
    expect(result).toEqual({
      exitCode: 0,
      message:
        'Показатели: 4; достигнуто 2, не достигнуто 4, нет данных 3. Результат — на листе «Сводка». Не удалось прочитать значений: 1 — см. «Примечание».',
    });
    expect(host.values('Показатели')).toEqual(before);
  });

  it('colours rows by status with conditional-format rules, replaced rather than stacked on the next run', () => {
    const ours = (): [unknown, string | null][] =>
      rulesOf(host).map((r) => [
        r.getBooleanCondition()?.getCriteriaValues()[0],
        r.getBooleanCondition()?.getBackground() ?? null,
      ]);
    expect(ours()).toEqual([
      ['=AND(N("roadmap500")=0,$H3="достигнуто")', '#d9ead3'],
      ['=AND(N("roadmap500")=0,$H3="не достигнуто")', '#f4cccc'],
    ]);
    // Exactly the section's data rows: the title and header above, nothing below.
    expect(rulesOf(host)[0]?.getRanges()[0]?.getA1Notation()).toBe(`A3:J${rows.length}`);
    refreshIndicators(host.services());
    expect(ours()).toHaveLength(2);
  });

  it("keeps another job's section of «Сводка»", () => {
    writeSummarySection(host.services(), 'Предпросмотр писем', [
      ['Кому', 'Тема'],
      ['uo@example.ru', 'Напоминание'],
    ]);
    refreshIndicators(host.services());
    const after = summary(host);
    expect(after[2]?.[0]).toBe('Число семинаров для руководителей');
    // Under «Показатели», after a blank row.
    expect(after.slice(rows.length, rows.length + 4).map((r) => r.slice(0, 2))).toEqual([
      ['', ''],
      ['Предпросмотр писем', ''],
      ['Кому', 'Тема'],
      ['uo@example.ru', 'Напоминание'],
    ]);
  });

  it('makes the same number of spreadsheet calls for 4 and 400 indicators', () => {
    const calls = (n: number): number => {
      const many = [INDICATORS[0], ...Array.from({ length: n }, (_, i) => INDICATORS[1 + (i % 4)])];
      const h = LocalHost.fromSheets({ Показатели: many, Отчёты: REPORTS }, opts);
      h.calls.reset();
      refreshIndicators(h.services());
      return h.calls.total();
    };
    expect(calls(400)).toBe(calls(4));
  });
});

describe('refreshIndicators with «Показатели» naming activities by title', () => {
  it('takes facts from the reports of the activity with that title (its id from the roadmap)', () => {
    const activities = [
      ['№ п/п', 'Содержание действия', 'Ответственный исполнитель', 'Сроки', 'Ожидаемые результаты'],
      [
        '1. Действия, направленные на преодоление недостаточной обеспеченности материальными ресурсами и кадрами',
      ],
      ['<i>1.1 Действия, направленные на преодоление низкого уровня оснащенности ПРШ</i>'],
      [
        '1.',
        'Проведение оценки материально-технического оснащения (по методике ФИОКО)',
        'МОУО',
        'октябрь 2021г.',
        'Создана единая информационная база',
      ],
      [
        '2.',
        'Создание актуальной информационной системы проекта',
        'МОУО',
        'ноябрь 2021г.',
        'Получение своевременной информации',
      ],
    ];
    const indicators = [
      ['Мероприятие', 'Показатель', 'Плановое значение'],
      ['Создание актуальной информационной системы проекта.', 'Доля ПРШ, подключённых к системе', '100%'],
    ];
    const host = LocalHost.fromSheets({ Мероприятия: activities, Показатели: indicators }, opts);
    const id = loadRoadmap(host.services()).roadmap.activities[1]?.id;
    expect(id).not.toBe('2');
    const sheet = host.spreadsheet.insertSheet('Отчёты');
    sheet
      .getRange(1, 1, 3, REPORTS_HEADER.length)
      .setValues([[...REPORTS_HEADER], report('ШК1', id, '', '80%'), report('ШК2', id, '', '90%')]);
    refreshIndicators(host.services());
    expect(rowOf(summary(host), 'Доля ПРШ, подключённых к системе', 'весь период').slice(1, 9)).toEqual([
      `${id} Создание актуальной информационной системы проекта.`,
      '',
      'весь период',
      '100%',
      '85',
      '85',
      'не достигнуто',
      'отчёты',
    ]);
  });
});

describe('validateRoadmap', () => {
  it('lists each unreadable planned value of «Показатели» on «Проверка» with its cell', () => {
    const activities = [
      ['№', 'Мероприятие', 'Срок', 'Ответственные', 'Ожидаемый результат'],
      ['4.1', 'Оценка компетенций', 'до 01.12.2021', 'ММЦ', 'Справка'],
    ];
    const host = LocalHost.fromSheets({ Мероприятия: activities, Показатели: INDICATORS }, opts);
    const result = validateRoadmap(host.services());
    const check = host.values('Проверка');
    const rows = check.filter((r) => r[1] === 'Показатели');
    expect(rows.map((r) => [r[0], r[3]])).toEqual([
      [
        'предупреждение',
        'Не удалось прочитать плановое значение «1; 10» показателя «Пакет инструментов»: в ячейке несколько чисел (1; 10), нужно одно.',
      ],
    ]);
    const at = check.indexOf(rows[0]) + 1;
    expect(host.spreadsheet.getSheetByName('Проверка')?.getRange(at, 3).getFormulas()[0]?.[0]).toMatch(
      /range=D5/,
    );
    expect(result.message).toMatch(/предупреждений: [1-9]/);
  });
});

describe('currentIndicators (for the weekly summary)', () => {
  it("computes the year's counts without writing anything", () => {
    const host = LocalHost.fromSheets({ Показатели: INDICATORS, Отчёты: REPORTS }, opts);
    host.calls.reset();
    const { progress, currentYear } = currentIndicators(host.services());
    expect(Object.keys(host.calls.byMethod()).filter((m) => /\.(set|insert|clear)/.test(m))).toEqual([]);
    expect(summarizeIndicators(progress, currentYear).lines).toEqual([
      'Показатели 2021 года: достигнуто 2 из 4, не достигнуто 1, нет данных 1.',
      '— не достигнуто: Охват самооценкой',
    ]);
  });
});

describe('refreshIndicators without a «Показатели» sheet', () => {
  it('takes the plans of «Мероприятия» (seed 000 as pasted)', () => {
    const file = readdirSync(path.join(__dirname, '../../samples/seeds')).find((f) =>
      f.startsWith('000_'),
    ) as string;
    const seed = readFileSync(path.join(__dirname, '../../samples/seeds', file), 'utf8')
      .split('\n')
      .map((l) => l.split('\t'));
    const host = LocalHost.fromSheets({ Мероприятия: seed }, opts);
    const result = refreshIndicators(host.services());
    // 31 activities carry plans; 4.1's «1; 10» cannot be read, so 30 indicators (validateRoadmap reports 4.1).
    expect(result.message).toMatch(/^Показатели: 30;/);
    const rows = summary(host);
    expect(rowOf(rows, 'Количество школ для адресного сопровождения и помощи', '2021').slice(1, 8)).toEqual([
      '1.1 Отбор ШНОР и ШНСУ для адресного сопровождения',
      expect.stringMatching(/^1\. Реализация мер/),
      '2021',
      '10',
      '',
      '',
      'нет данных',
    ]);
  });

  it('is refreshed by the menu job «Обновить статусы и цвета» from the built bundle', () => {
    const file = readdirSync(path.join(__dirname, '../../samples/seeds')).find((f) =>
      f.startsWith('000_'),
    ) as string;
    const seed = readFileSync(path.join(__dirname, '../../samples/seeds', file), 'utf8')
      .split('\n')
      .map((l) => l.split('\t'));
    const host = LocalHost.fromSheets({ Мероприятия: seed }, opts);
    host.run('refreshStatuses');
    expect(
      summary(host)
        .filter((r) => r[0] === 'Программа конференции')
        .map((r) => [r[3], r[4], r[7]]),
    ).toEqual([
      ['2020', '1', 'нет данных'],
      ['2021', '1', 'нет данных'],
      ['2022', '1', 'нет данных'],
      ['весь период', 'не менее 3', 'нет данных'],
    ]);
  });

  it('says so when there are no indicators at all', () => {
    const host = LocalHost.fromSheets({ Лист1: [] }, opts);
    expect(refreshIndicators(host.services()).message).toMatch(/^Показатели: 0;/);
    expect(summary(host)[2]?.[0]).toMatch(/^Показателей не найдено/);
  });
});
