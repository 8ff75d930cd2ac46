import { readIndicators } from '../../src/core/indicators';
import { readSchools } from '../../src/core/schools';
import { readSettings } from '../../src/core/settings';
import { LocalHost } from '../../src/local/host';
import type { Range } from '../../src/local/range';
import type { Sheet } from '../../src/local/spreadsheet';
import { createTemplate } from '../../src/sheets/create-template';
import { refreshIndicators } from '../../src/sheets/indicators-job';

const USER_SHEETS = ['Мероприятия', 'Показатели', 'Ответственные', 'Школы', 'Ответы', 'Анкета', 'Настройки'];
const opts = { now: '2026-03-15', timeZone: 'Asia/Omsk' };

const sheetOf = (host: LocalHost, name: string): Sheet => {
  const s = host.spreadsheet.getSheetByName(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s as unknown as Sheet;
};
const range = (host: LocalHost, name: string, a1: string): Range => sheetOf(host, name).getRange(a1);
const dropdown = (host: LocalHost, name: string, a1: string): unknown[] | undefined =>
  range(host, name, a1).getDataValidation()?.getCriteriaValues()[0] as unknown[] | undefined;

describe('createTemplate on an empty workbook', () => {
  const host = LocalHost.fromSheets({}, opts);
  const result = createTemplate(host.services());

  it('adds every user sheet and says so', () => {
    const names = host.spreadsheet.getSheets().map((s) => s.getName());
    for (const name of USER_SHEETS) expect(names).toContain(name);
    expect(result.exitCode).toBe(0);
    expect(result.message).toMatch(
      /^Созданы листы: «Мероприятия», «Показатели», «Ответственные», «Школы», «Ответы», «Анкета», «Настройки», «Отчёты»\./,
    );
  });

  it('writes headers in bold, frozen, with a Russian note on every header cell', () => {
    for (const name of USER_SHEETS) {
      const sheet = sheetOf(host, name);
      const width = sheet.getLastColumn();
      expect(sheet.getFrozenRows()).toBe(1);
      expect(sheet.getRange(1, 1, 1, width).getFontWeights()[0]).toEqual(Array(width).fill('bold'));
      const header = sheet.getRange(1, 1, 1, width).getValues()[0] as string[];
      const notes = sheet.getRange(1, 1, 1, width).getNotes()[0];
      header.forEach((h, i) => {
        if (h !== '') expect([name, h, notes[i]]).toEqual([name, h, expect.stringMatching(/[а-я]{3}/)]);
      });
    }
    expect(host.values('Мероприятия')[0]).toEqual([
      '№ п/п',
      'Мероприятие',
      'Срок',
      'Ответственные',
      'Ожидаемый результат',
      'Показатель',
      'Плановое значение',
      'Фактор риска',
    ]);
  });

  it('gives example rows from the seeds, kept as text («1.1» is not a number)', () => {
    const rows = host.values('Мероприятия');
    expect(rows).toHaveLength(4);
    expect(rows[1]?.slice(0, 3)).toEqual([
      '1.1',
      'Отбор ШНОР и ШНСУ для адресного сопровождения',
      'январь 2026 г.',
    ]);
    expect(host.values('Ответственные')[0]).toEqual([
      'Код или имя',
      'Полное наименование / ФИО',
      'Email',
      'Роль',
    ]);
    expect(host.values('Школы')).toHaveLength(3);
    // Example responses or reports would count as real ones: those sheets get a header only.
    expect(host.values('Ответы')).toHaveLength(1);
    expect(host.values('Ответы')[0]?.slice(0, 4)).toEqual([
      'Отметка времени',
      'Школа',
      'Роль',
      'В школе не хватает современного оборудования для уроков',
    ]);
  });

  it('puts dropdowns where a list is expected', () => {
    expect(dropdown(host, 'Ответы', 'C2')).toEqual(['директор', 'учитель', 'ученик', 'родитель']);
    expect(dropdown(host, 'Ответы', 'C500')).toEqual(['директор', 'учитель', 'ученик', 'родитель']);
    expect(dropdown(host, 'Мероприятия', 'H2')).toEqual([
      'R01',
      'R02',
      'R03',
      'R04',
      'R05',
      'R06',
      'R07',
      'R08',
      'R09',
      'R10',
    ]);
    expect(dropdown(host, 'Отчёты', 'F2')).toEqual([
      'Выполнено',
      'Частично выполнено',
      'В работе',
      'Не выполнено',
    ]);
    expect(dropdown(host, 'Показатели', 'J2')).toEqual(['сумма', 'среднее', 'последнее']);
    expect(dropdown(host, 'Настройки', 'B12')).toContain('понедельник');
    expect(dropdown(host, 'Настройки', 'B11')).toBeUndefined();
    const anketa = host.values('Анкета');
    const reversedRow = anketa.findIndex((r) => r[5] === 'Обратная шкала') + 2;
    expect(dropdown(host, 'Анкета', `F${reversedRow}`)).toEqual(['да', 'нет']);
    expect(dropdown(host, 'Анкета', `F${reversedRow - 2}`)).toBeUndefined();
  });

  it('sets column widths', () => {
    expect(sheetOf(host, 'Мероприятия').getColumnWidth(2)).toBe(360);
    expect(sheetOf(host, 'Настройки').getColumnWidth(3)).toBe(520);
  });

  it('writes sheets the other jobs can read: settings of the current year, the example indicators', () => {
    const { settings, problems } = readSettings(host.values('Настройки'), 'Asia/Omsk', 2000);
    expect(problems).toEqual([]);
    expect([settings.periodStart, settings.periodEnd, settings.summaryWeekday]).toEqual([
      '2026-01-01',
      '2026-12-31',
      1,
    ]);
    // The example indicators read as plans would, but are marked and never counted.
    const indicators = readIndicators(host.values('Показатели'), { sheet: 'Показатели', currentYear: 2026 });
    expect(indicators.indicators).toEqual([]);
    expect(indicators.problems.map((p) => [p.cell, p.severity])).toEqual([
      ['B2', 'предупреждение'],
      ['B3', 'предупреждение'],
      ['B4', 'предупреждение'],
    ]);
    expect(indicators.problems[0]?.message).toBe(
      '«Количество школ для адресного сопровождения и помощи (пример)» — строка-пример из шаблона: показатель не учитывается.',
    );
  });

  it('logs what it created in «Журнал»', () => {
    expect(host.values('Журнал')[1]?.slice(1, 4)).toEqual(['createTemplate', 'Шаблон листов', '']);
  });

  it('changes nothing when run a second time', () => {
    const before = Object.fromEntries(USER_SHEETS.map((n) => [n, host.values(n)]));
    host.calls.reset();
    const again = createTemplate(host.services());
    expect(again.message).toMatch(/^Все листы уже есть и заполнены — ничего не изменено/);
    for (const n of USER_SHEETS) expect(host.values(n)).toEqual(before[n]);
    const writes = Object.keys(host.calls.byMethod()).filter((m) => /\.(set|insert|clear)/.test(m));
    expect(writes).toEqual([]);
  });
});

describe('the template’s example rows', () => {
  it('are marked as examples; their example.com addresses are never mailed or counted as schools', () => {
    const host = LocalHost.fromSheets({}, opts);
    createTemplate(host.services());
    expect(JSON.stringify(host.values('Ответственные'))).toContain('(пример)');
    expect(JSON.stringify(host.values('Школы'))).toContain('(пример)');
    expect(
      host
        .values('Показатели')
        .slice(1)
        .map((r) => String(r[1]).endsWith(' (пример)')),
    ).toEqual([true, true, true]);
    // «Сводка» lists no example indicator (nor the example plans of «Мероприятия» in their place).
    refreshIndicators(host.services());
    expect(host.values('Сводка')[2]?.[0]).toMatch(/^Показателей не найдено/);
    host.run('sendReminders');
    expect(host.sentMail.filter((m) => /@example\.com/.test(m.to))).toEqual([]);
    const schools = readSchools(host.values('Школы'));
    expect(schools.schools).toEqual([]);
    expect(schools.problems.map((p) => p.message).join(' ')).toContain('строка-пример из шаблона');
  });
});

describe('createTemplate on a workbook the user has started', () => {
  const mine = [
    ['№', 'Содержание действия', 'Ответственный исполнитель', 'Сроки'],
    ['1.', 'Проведение оценки материально-технического оснащения', 'МОУО', 'октябрь 2020г.'],
  ];
  const host = LocalHost.fromSheets({ Мероприятия: mine, Школы: [] }, opts);
  const result = createTemplate(host.services());

  it('leaves a filled sheet exactly as it was and fills an empty one', () => {
    expect(host.values('Мероприятия')).toEqual(mine);
    expect(sheetOf(host, 'Мероприятия').getFrozenRows()).toBe(0);
    expect(range(host, 'Мероприятия', 'A1').getNotes()).toEqual([['']]);
    expect(host.values('Школы')[0]).toEqual([
      'Код',
      'Полное наименование',
      'Краткое наименование',
      'Отчитывающиеся (email)',
      'Куратор (email)',
    ]);
    expect(result.message).toContain('Заполнены пустые листы: «Школы».');
    expect(result.message).toContain('Не тронуты (в них есть данные): «Мероприятия».');
  });

  it('makes one setValues per sheet it writes, whatever the rows', () => {
    const host2 = LocalHost.fromSheets({ Мероприятия: mine }, opts);
    host2.calls.reset();
    createTemplate(host2.services());
    // Seven template sheets written (all but Мероприятия), then «Журнал»: its header and one row.
    expect(host2.calls.byMethod()['Range.setValues']).toBe(7 + 2);
  });
});

describe('createTemplate from the built bundle', () => {
  it('runs as the menu job does', () => {
    const host = LocalHost.fromSheets({}, opts);
    const result = host.run<{ exitCode: number; message: string }>('createTemplate');
    expect(result.exitCode).toBe(0);
    expect(host.values('Показатели')[0]?.slice(3, 8)).toEqual([
      'Плановое значение',
      '2026',
      '2027',
      '2028',
      'Факт 2026',
    ]);
  });
});

describe('validateRoadmap right after createTemplate', () => {
  it('says once per row of «Ответственные» that its address is an example, not also «нет адреса почты»', () => {
    const host = LocalHost.fromSheets({}, opts);
    host.run('createTemplate');
    host.run('validateRoadmap');
    const messages = host
      .values('Проверка')
      .slice(1)
      .map((r) => String(r[3]));
    expect(messages.filter((m) => /нет адреса почты/.test(m))).toEqual([]);
    for (const [code, email] of [
      ['УО', 'uo@example.com'],
      ['ММЦ', 'mmc@example.com'],
      ['МОУО', 'mouo@example.com'],
    ])
      expect(messages.filter((m) => m.includes(`«${code}»`) || m.includes(`«${email}»`))).toEqual([
        `«${email}» — адрес-пример из шаблона: у «${code}» нет настоящего адреса, писем не будет.`,
      ]);
  });
});

describe('reminders right after createTemplate', () => {
  it('say the executors have the template’s example addresses, not that they are missing from «Ответственные»', () => {
    const host = LocalHost.fromSheets({}, opts);
    host.run('createTemplate');
    for (const job of ['previewReminders', 'sendReminders']) {
      const { message } = host.run<{ message: string }>(job);
      expect([job, message]).toEqual([
        job,
        expect.stringContaining(
          'У ответственных ММЦ, УО на листе «Ответственные» адреса-примеры из шаблона: писем им не будет. Замените примеры настоящими адресами.',
        ),
      ]);
      expect(message).not.toMatch(/Нет адреса у ответственных|нет просроченных мероприятий/);
    }
  });
});

describe('createTemplate after a real roadmap was imported', () => {
  const roadmap = [
    ['План мероприятий по поддержке школ с низкими результатами на 2024-2025 годы'],
    ['№ п/п', 'Мероприятие', 'Срок', 'Ответственные'],
    ['1', 'Совещание с руководителями школ', 'сентябрь 2024 г.', 'Управление'],
    ['2', 'Методический семинар', 'ежеквартально', 'ММЦ'],
  ];

  it('invents no example indicators: «Показатели» gets the header over the roadmap\u2019s years and says how to fill it', () => {
    const host = LocalHost.fromSheets({ Мероприятия: roadmap, Показатели: [] }, opts);
    const result = createTemplate(host.services());
    expect(host.values('Показатели')).toEqual([
      [
        '№ мероприятия',
        'Показатель',
        'Ед. изм.',
        'Плановое значение',
        '2024',
        '2025',
        'Факт 2024',
        'Источник',
        'Подсчёт факта',
      ],
    ]);
    expect(result.message).toContain(
      'Лист «Показатели» оставлен без примеров: впишите показатели своей дорожной карты',
    );
    refreshIndicators(host.services());
    expect(host.values('Сводка')[2]?.[0]).toMatch(/^Показателей не найдено/);
  });
});

describe('createTemplate when only sheets without example rows are missing', () => {
  it('does not ask to replace examples it did not write', () => {
    const full = LocalHost.fromSheets({}, opts);
    createTemplate(full.services());
    const sheets = Object.fromEntries(
      USER_SHEETS.map((name) => [name, full.values(name)] as [string, unknown[][]]),
    );
    const host = LocalHost.fromSheets(sheets, opts); // everything but «Отчёты», which has no examples
    const { message } = createTemplate(host.services());
    expect(message).toMatch(/^Созданы листы: «Отчёты»\./);
    expect(message).not.toContain('Примеры');
  });
});
