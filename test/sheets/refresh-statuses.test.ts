// The machine's own zone must not matter: run as a UTC machine would.
process.env['TZ'] = 'UTC';

import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { LocalHost, type HostOptions } from '../../src/local/host';
import { RULE_MARKER } from '../../src/sheets/conditional-format';
import { readJournal } from '../../src/sheets/journal';
import { dailyRefresh, refreshStatuses } from '../../src/sheets/refresh-statuses';
import { ROADMAP_COL } from '../../src/sheets/roadmap-sheet';
import { ACTIVITY_ROWS, reportRow, statusSheets } from '../fixtures/status-workbook';
import { tempDir } from '../fixtures/temp-dir';

/** «Дорожная карта» rows as id → [status, days overdue, missing period]. */
function statuses(host: LocalHost): Record<string, [unknown, unknown, unknown]> {
  const out: Record<string, [unknown, unknown, unknown]> = {};
  for (const r of host.values('Дорожная карта').slice(1)) {
    out[String(r[ROADMAP_COL.id - 1])] = [
      r[ROADMAP_COL.status - 1],
      r[ROADMAP_COL.daysOverdue - 1],
      r[ROADMAP_COL.missingPeriod - 1],
    ];
  }
  return out;
}

/** «Последний отчёт» of an activity on «Дорожная карта». */
const lastReport = (host: LocalHost, id: string): unknown =>
  host.values('Дорожная карта').find((r) => r[0] === id)?.[ROADMAP_COL.lastReport - 1];

function run(opts: HostOptions, reports: (string | Date)[][] = []): LocalHost {
  const host = LocalHost.fromSheets(statusSheets(reports), opts);
  refreshStatuses(host.services());
  return host;
}

const ruleCount = (host: LocalHost, sheet: string): number =>
  host.spreadsheet.getSheetByName(sheet)?.getConditionalFormatRules().length ?? -1;

describe('refreshStatuses', () => {
  const dir = tempDir('status-');
  it("writes every activity's status to «Дорожная карта» (seed rows, no reports yet)", () => {
    const host = run({ timeZone: 'Europe/Moscow', now: '2021-04-01' });
    expect(statuses(host)).toEqual({
      '1': ['Просрочено', 32, ''],
      '2': ['Скоро срок', '', ''],
      '3': ['Запланировано', '', ''],
      '4': ['В работе', '', ''],
      '5': ['Просрочено', 60, 'январь 2021 и ещё 2 месяца'],
      '6': ['Просрочено', 81, 'неделя 04.01–10.01.2021 и ещё 11 недель'],
      '7': ['Без срока', '', ''],
      '8': ['Без срока', '', ''],
      '9': ['Запланировано', '', ''],
    });
  });

  it('uses the reports of «Отчёты», late ones included', () => {
    const t = (iso: string): Date => new Date(iso);
    const reports = [
      reportRow(t('2021-03-30T07:00:00Z'), 'СОШ1', '2', '', 'Выполнено'),
      reportRow(t('2021-02-01T07:00:00Z'), 'СОШ1', '5', '2021-01', 'Выполнено'),
      reportRow(t('2021-03-02T07:00:00Z'), 'СОШ2', '5', 'февраль 2021', 'Выполнено'),
      // March reported late, on 3 April.
      reportRow(t('2021-04-03T07:00:00Z'), 'СОШ1', '5', '2021-03', 'Выполнено'),
      reportRow(t('2021-04-03T07:00:00Z'), 'СОШ1', '1', '', 'В работе'),
      reportRow(t('2021-04-03T07:00:00Z'), 'СОШ1', '9', '', 'сделано'),
    ];
    const host = run({ timeZone: 'Europe/Moscow', now: '2021-04-05' }, reports);
    const s = statuses(host);
    expect(s['2']).toEqual(['Выполнено', '', '']);
    expect(s['5']).toEqual(['Регулярное', '', '']);
    expect(s['1']).toEqual(['Просрочено', 36, '']);
    expect(lastReport(host, '5')).toBe('Выполнено 03.04.2021, школа СОШ1, за март 2021');
  });

  it('reads rows typed by hand as the letters and people write them, and lists what it cannot read on «Проверка»', () => {
    // QA: «1.2.» was ignored; «II кв. 2024» showed as reported in «Последний отчёт» while the quarter stayed missing.
    const quarterly = [
      '10.',
      'Мониторинг реализации программ антирисковых мер',
      'МОУО',
      'ежеквартально',
      'Справка',
    ];
    const typed = (id: string, period: string): string[] => ['', '', '', id, period, 'Выполнено'];
    const host = LocalHost.fromSheets(
      statusSheets(
        [
          typed('10.', 'I кв. 2021'),
          typed('п. 10', 'апрель–июнь 2021'),
          typed('5.', '01.2021'),
          typed(' 5 ', 'февраль 2021 г.'),
          typed('№5', 'мар. 2021'),
          typed('5', 'весной 2021'),
          typed('55', 'март 2021'),
        ],
        [...ACTIVITY_ROWS, quarterly],
      ),
      { timeZone: 'Europe/Moscow', now: '2021-07-05' },
    );
    refreshStatuses(host.services());
    const s = statuses(host);
    expect(s['10']).toEqual(['Регулярное', '', '']);
    expect(s['5']).toEqual(['Просрочено', 66, 'апрель 2021 и ещё 2 месяца']);
    expect(lastReport(host, '10')).toBe('Выполнено, за II квартал 2021');
    const formulas = host.spreadsheet.getSheetByName('Проверка')?.getDataRange().getFormulas() ?? [];
    const check = host
      .values('Проверка')
      .flatMap((r, i) =>
        r[1] === 'Отчёты' ? [[/&range=(\w+)"/.exec(formulas[i]?.[2] ?? '')?.[1], r[3]]] : [],
      );
    expect(check).toEqual([
      ['E7', 'Период «весной 2021» не распознан — отчёт не засчитан ни за один период.'],
      ['D8', 'ID мероприятия «55» не найден на листе «Дорожная карта» — отчёт не учтён.'],
    ]);
  });

  it('counts a school typed by name in «Отчёты» for that school, and lists on «Проверка» a school `Школы` lacks', () => {
    // QA: «Лицей № 2» typed instead of LIC2 was not counted, while «Последний отчёт» said it was done.
    const lyceum = (id: string, title: string): string[] => [
      id,
      title,
      'МБОУ «Лицей № 2»',
      'До 01.03.2021',
      'Программа',
    ];
    const typed = (school: string, id: string): string[] => ['', '', school, id, '', 'Выполнено'];
    const book = statusSheets(
      [typed('Лицей №2', '10'), typed('МБОУ "лицей № 2"', '11'), typed('Гимназия № 5', '12')],
      [
        ...ACTIVITY_ROWS,
        lyceum('10.', 'Программа развития'),
        lyceum('11.', 'Самодиагностика'),
        lyceum('12.', 'Отчёт о самодиагностике'),
      ],
    );
    book['Школы'] = [
      ['Код', 'Полное наименование', 'Краткое наименование', 'Отчитывающиеся (email)', 'Куратор (email)'],
      ['LIC2', 'МБОУ «Лицей № 2»', 'Лицей № 2', 'lic2@school.ru', ''],
      ['SOSH1', 'МБОУ «СОШ № 1»', 'СОШ № 1', 'sosh1@school.ru', ''],
    ];
    const host = LocalHost.fromSheets(book, { timeZone: 'Europe/Moscow', now: '2021-04-05' });
    refreshStatuses(host.services());
    const s = statuses(host);
    expect(s['10']).toEqual(['Выполнено', '', '']);
    expect(s['11']).toEqual(['Выполнено', '', '']);
    expect(s['12']).toEqual(['Просрочено', 35, '']);
    expect(lastReport(host, '12')).toBe('');
    const check = host.values('Проверка').filter((r) => r[1] === 'Отчёты');
    expect(check.map((r) => r[3])).toEqual([
      'Школа «Гимназия № 5» не найдена на листе «Школы» — отчёт не учтён.',
    ]);
    expect(check[0]?.[4]).toContain('«LIC2» (Лицей № 2), «SOSH1» (СОШ № 1)');
  });

  describe("«today» is the spreadsheet's date, never the machine's (a UTC machine here)", () => {
    it('at 23:30 UTC on 31 March a Vladivostok spreadsheet is already on 1 April', () => {
      const now = new Date('2021-03-31T23:30:00Z');
      const vl = run({ timeZone: 'Asia/Vladivostok', now });
      const utc = run({ timeZone: 'UTC', now });
      expect(statuses(vl)['1']).toEqual(['Просрочено', 32, '']);
      expect(statuses(utc)['1']).toEqual(['Просрочено', 31, '']);
      // Monthly: on 1 April March has ended without a report; on 31 March it has not.
      expect(statuses(vl)['5']).toEqual(['Просрочено', 60, 'январь 2021 и ещё 2 месяца']);
      expect(statuses(utc)['5']).toEqual(['Просрочено', 59, 'январь 2021 и ещё 1 месяц']);
    });

    it('at 21:30 UTC on 1 April «До 01.04.2021» is overdue in Vladivostok (2 April) but not in Kaliningrad (still 1 April)', () => {
      const now = new Date('2021-04-01T21:30:00Z');
      expect(statuses(run({ timeZone: 'Asia/Vladivostok', now }))['2']).toEqual(['Просрочено', 1, '']);
      expect(statuses(run({ timeZone: 'Europe/Kaliningrad', now }))['2']).toEqual(['Скоро срок', '', '']);
    });
  });

  it("leaves as many colour rules after two runs as after one, on both sheets, and keeps the user's rule", () => {
    const host = LocalHost.fromSheets(statusSheets(), { now: '2021-04-01' });
    const svc = host.services();
    const activities = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName('Мероприятия');
    if (!activities) throw new Error('no sheet');
    activities.setConditionalFormatRules([
      svc.spreadsheetApp
        .newConditionalFormatRule()
        .whenFormulaSatisfied('=$D2=""')
        .setBackground('#dddddd')
        .setRanges([activities.getRange('D2:D20')])
        .build(),
    ]);
    refreshStatuses(svc);
    const once = [ruleCount(host, 'Дорожная карта'), ruleCount(host, 'Мероприятия')];
    refreshStatuses(svc);
    expect([ruleCount(host, 'Дорожная карта'), ruleCount(host, 'Мероприятия')]).toEqual(once);
    expect(once).toEqual([3, 4]);
    const userRule = host.spreadsheet
      .getSheetByName('Мероприятия')
      ?.getConditionalFormatRules()
      .map((r) => r.getBooleanCondition()?.getCriteriaValues()[0]);
    expect(userRule).toContain('=$D2=""');
  });

  it('never changes the values of «Мероприятия»', () => {
    const before = LocalHost.fromSheets(statusSheets(), {}).values('Мероприятия');
    const host = run({ now: '2021-04-01' });
    expect(host.values('Мероприятия')).toEqual(before);
  });

  it('saves an .xlsx whose sheets carry the colour rules', async () => {
    const host = run({ now: '2021-04-01' });
    refreshStatuses(host.services());
    const file = join(dir, 'out.xlsx');
    await host.save(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    type CF = {
      ref: string;
      rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[];
    };
    const rules = (name: string): [string, string | undefined, string | undefined][] =>
      (wb.getWorksheet(name) as unknown as { conditionalFormattings: CF[] }).conditionalFormattings.flatMap(
        (c) =>
          c.rules.map((r): [string, string | undefined, string | undefined] => [
            c.ref,
            r.formulae?.[0],
            r.style?.fill?.bgColor?.argb,
          ]),
      );
    const road = rules('Дорожная карта');
    expect(road).toHaveLength(3);
    expect(road[0]).toEqual([
      expect.stringMatching(/^A2:R\d+$/),
      `AND(${RULE_MARKER},$N2="Просрочено")`,
      'FFF4C7C3',
    ]);
    expect(road.map((r) => r[2])).toEqual(['FFF4C7C3', 'FFFCE8B2', 'FFB7E1CD']);
    const acts = rules('Мероприятия');
    expect(acts).toHaveLength(3);
    expect(acts[0]?.[0]).toMatch(/^A2:E\d+$/);
    expect(acts[0]?.[1]).toContain('INDIRECT("\'Дорожная карта\'!C:C")');
  });

  // Both past a new sheet's 1000 rows, so both grow «Дорожная карта» first.
  it('makes the same number of sheet calls for 2,000 and for 10,000 activities', () => {
    const rows = (n: number): string[][] =>
      Array.from({ length: n }, (_, i) => {
        const seed = ACTIVITY_ROWS[i % ACTIVITY_ROWS.length];
        return [`${i + 1}.`, `${seed[1]} (${i + 1})`, ...seed.slice(2)];
      });
    const calls = (n: number): number => {
      const host = LocalHost.fromSheets(
        statusSheets([reportRow(new Date('2021-03-01T08:00:00Z'), 'СОШ1', '2', '', 'Выполнено')], rows(n)),
        { now: '2021-04-01' },
      );
      host.calls.reset();
      refreshStatuses(host.services());
      expect(host.values('Дорожная карта')).toHaveLength(n + 1);
      return host.calls.total();
    };
    expect(calls(10_000)).toBe(calls(2_000));
  });
});

describe('dailyRefresh', () => {
  it('validates, refreshes statuses and records the run in «Журнал»', () => {
    const host = LocalHost.fromSheets(statusSheets(), { now: '2021-04-01' });
    const result = dailyRefresh(host.services());
    expect(result.message).toContain('мероприятий 9, просрочено 3');
    expect(statuses(host)['2']).toEqual(['Скоро срок', '', '']);
    expect(host.values('Проверка')[0]?.[0]).toBe('Серьёзность');
    const journal = readJournal(host.services()).filter((r) => r[1] === 'dailyRefresh');
    expect(journal).toHaveLength(1);
    expect(String(journal[0]?.[4])).toMatch(
      /^Мероприятий: 9; просрочено: 3; скоро срок: 1; ошибок в данных: \d+; строк «Отчёты» с замечаниями: 0\. Напоминания: /,
    );
  });

  it('runs from the built bundle as the trigger calls it, with the simulated clock', () => {
    const host = LocalHost.fromSheets(statusSheets(), {
      timeZone: 'Asia/Vladivostok',
      now: new Date('2021-03-31T23:30:00Z'),
    });
    host.run('dailyRefresh');
    expect(statuses(host)['1']).toEqual(['Просрочено', 32, '']);
    expect(
      readJournal(host.services())
        .filter((r) => r[1] === 'dailyRefresh')
        .map((r) => r[6]),
    ).toEqual(['2021-04-01']);
  });

  it('records a failed run in «Журнал» too', () => {
    const host = LocalHost.fromSheets({ Настройки: [['Параметр', 'Значение']] }, { now: '2021-04-01' });
    expect(() => dailyRefresh(host.services())).toThrow('В таблице нет листа «Мероприятия».');
    const journal = readJournal(host.services());
    expect(journal.map((r) => [r[1], r[5]])).toEqual([['dailyRefresh', 'ошибка']]);
    expect(journal[0]?.[4]).toBe(
      'проверка и статусы: В таблице нет листа «Мероприятия». Листы в таблице: «Настройки». ' +
        'Выполните «Дорожная карта 500+ → Создать шаблон листов» или переименуйте лист.',
    );
  });
});
