import { REPORTS_HEADER } from '../../src/core/layouts';
import { readReports } from '../../src/core/reports';
import type { School } from '../../src/core/schools';

const H = [...REPORTS_HEADER];
const t = new Date('2021-04-05T07:30:00Z');

describe('readReports', () => {
  it('reads rows in order, normalizing periods and statuses, skipping blank rows', () => {
    const { reports, problems } = readReports(
      [
        H,
        [t, 'a@school.ru', 'СОШ1', '1.2', '2021-03', 'Выполнено', '3', 'ок', 'https://x.ru', 'k1'],
        ['', '', '', '', '', '', '', '', '', ''],
        [t, 'b@school.ru', 'СОШ2', '1.3', 'I квартал 2021', 'в работе', '', '', '', 'k2'],
        [t, 'b@school.ru', 'СОШ2', 2.1, '', 'ЧАСТИЧНО  ВЫПОЛНЕНО', '', '', '', 'k3'],
      ],
      'Europe/Moscow',
    );
    expect(problems).toEqual([]);
    expect(reports.map((r) => [r.activityId, r.school, r.period, r.status, r.key])).toEqual([
      ['1.2', 'СОШ1', '2021-03', 'Выполнено', 'k1'],
      ['1.3', 'СОШ2', '2021-Q1', 'В работе', 'k2'],
      ['2.1', 'СОШ2', '', 'Частично выполнено', 'k3'],
    ]);
    expect(reports[0]?.time).toBe(t);
  });

  it('finds columns by header name in any order', () => {
    const { reports } = readReports(
      [
        ['Статус', 'ID мероприятия', 'Школа', 'Период'],
        ['Выполнено', '4', 'СОШ3', 'март 2021'],
      ],
      'UTC',
    );
    expect(reports.map((r) => [r.activityId, r.school, r.period, r.status])).toEqual([
      ['4', 'СОШ3', '2021-03', 'Выполнено'],
    ]);
  });

  it("reads a time typed as text in the spreadsheet's zone, and tolerates a missing one", () => {
    const { reports } = readReports(
      [H, ['05.04.2021 10:30', '', 'СОШ1', '1', '', 'Выполнено'], ['', '', 'СОШ1', '2', '', 'Выполнено']],
      'Asia/Vladivostok',
    );
    expect(reports[0]?.time.toISOString()).toBe('2021-04-05T00:30:00.000Z');
    expect(Number.isNaN(reports[1]?.time.getTime())).toBe(true);
  });

  it('warns at the cell of a row it cannot use', () => {
    const { reports, problems } = readReports(
      [H, [t, '', 'СОШ1', '', '2021-03', 'Выполнено'], [t, '', 'СОШ1', '7', '', 'сделано']],
      'UTC',
    );
    expect(reports).toEqual([]);
    expect(problems.map((p) => [p.sheet, p.cell, p.severity])).toEqual([
      ['Отчёты', 'D2', 'предупреждение'],
      ['Отчёты', 'F3', 'предупреждение'],
    ]);
    expect(problems[1]?.message).toContain('«сделано»');
  });

  it('reads an activity id as the letters print it («1.2.», «п. 1.2», « 1.2 », «№ 1.2»)', () => {
    const rows = ['1.2.', 'п. 1.2', ' 1.2 ', '№ 1.2', 'п.1.2.', '1. 2'].map((id) => [
      t,
      '',
      'СОШ1',
      id,
      '',
      'Выполнено',
    ]);
    const { reports, problems } = readReports([H, ...rows], 'UTC', new Set(['1.2', '1.3']));
    expect(problems).toEqual([]);
    expect(reports.map((r) => r.activityId)).toEqual(['1.2', '1.2', '1.2', '1.2', '1.2', '1.2']);
  });

  it('warns at the cell of an id the roadmap does not have, and of a period it cannot read, saying what to write', () => {
    const { reports, problems } = readReports(
      [
        H,
        [t, '', 'СОШ1', '7.7', '2021-03', 'Выполнено'],
        [t, '', 'СОШ1', 'Мониторинг', '', 'Выполнено'],
        [t, '', 'СОШ1', '1.2', 'весной 2021', 'Выполнено'],
      ],
      'UTC',
      new Set(['1.2']),
    );
    expect(problems.map((p) => p.cell)).toEqual(['D2', 'D3', 'E4']);
    expect(problems[0]?.message).toBe(
      'ID мероприятия «7.7» не найден на листе «Дорожная карта» — отчёт не учтён.',
    );
    expect(problems[0]?.fix).toContain('«1.2»');
    expect(problems[2]?.message).toBe(
      'Период «весной 2021» не распознан — отчёт не засчитан ни за один период.',
    );
    expect(problems[2]?.fix).toContain('«II квартал 2021»');
    // The row with an unreadable period still counts where no period is needed.
    expect(reports.map((r) => [r.activityId, r.period])).toEqual([['1.2', 'весной 2021']]);
  });

  it("reads a period Sheets or Excel turned into a date («март 2024», «25.11.2024» typed) as that date in the spreadsheet's zone", () => {
    // 01.03.2024 00:00 in Chita (UTC+9) is 29 February in UTC.
    const typed = new Date('2024-02-29T15:00:00Z');
    const { reports, problems } = readReports([H, [t, '', 'СОШ1', '1.2', typed, 'Выполнено']], 'Asia/Chita');
    expect(problems).toEqual([]);
    expect(reports.map((r) => r.period)).toEqual(['2024-03-01']);
  });

  describe('the school of a row typed by hand', () => {
    const school = (code: string, fullName: string, shortName: string, row: number): School => ({
      code,
      fullName,
      shortName,
      reporters: [],
      curators: [],
      row,
    });
    const SCHOOLS = [
      school('LIC2', 'МБОУ «Лицей № 2»', 'Лицей № 2', 2),
      school('SOSH1', 'МБОУ «Средняя общеобразовательная школа № 1»', 'СОШ № 1', 3),
      school('SOSH1K', 'МКОУ «СОШ № 1»', 'СОШ № 1 (Кировский)', 4),
    ];
    const typed = (name: string): (string | Date)[] => [t, '', name, '1.9', '', 'Выполнено'];

    it('is read by code, short or full name, in any case, with or without legal form, quotes or a space after «№»', () => {
      // QA: «Лицей № 2» typed instead of LIC2 was silently not counted while the roadmap said it was done.
      const names = [
        'LIC2',
        'lic2',
        'Лицей № 2',
        'Лицей №2',
        'лицей № 2',
        'МБОУ «Лицей № 2»',
        'МБОУ "Лицей №2"',
      ];
      const { reports, problems } = readReports([H, ...names.map(typed)], 'UTC', undefined, SCHOOLS);
      expect(problems).toEqual([]);
      expect(reports.map((r) => r.school)).toEqual(names.map(() => 'LIC2'));
    });

    it("keeps an empty cell empty: the coordinator's own report counts for every school", () => {
      const { reports, problems } = readReports([H, typed('')], 'UTC', undefined, SCHOOLS);
      expect(problems).toEqual([]);
      expect(reports.map((r) => r.school)).toEqual(['']);
    });

    it('does not count a school `Школы` lacks, or one that names several schools, and says what to write at its cell', () => {
      const { reports, problems } = readReports(
        [H, typed('Гимназия № 5'), typed('МАОУ СОШ № 1'), typed('СОШ № 1')],
        'UTC',
        undefined,
        SCHOOLS,
      );
      // «СОШ № 1» is one school's short name exactly; «МАОУ СОШ № 1» without its legal form names two.
      expect(reports.map((r) => r.school)).toEqual(['SOSH1']);
      expect(problems.map((p) => [p.sheet, p.cell, p.severity])).toEqual([
        ['Отчёты', 'C2', 'предупреждение'],
        ['Отчёты', 'C3', 'предупреждение'],
      ]);
      expect(problems[0]?.message).toBe('Школа «Гимназия № 5» не найдена на листе «Школы» — отчёт не учтён.');
      expect(problems[0]?.fix).toContain('«LIC2» (Лицей № 2)');
      expect(problems[1]?.message).toBe(
        'Название «МАОУ СОШ № 1» подходит к нескольким школам листа «Школы» — отчёт не учтён.',
      );
      expect(problems[1]?.fix).toContain('«SOSH1» (СОШ № 1)');
      expect(problems[1]?.fix).toContain('«SOSH1K» (СОШ № 1 (Кировский))');
      expect(problems[1]?.fix).not.toContain('LIC2');
    });

    it('is kept as typed when `Школы` lists no school', () => {
      const { reports, problems } = readReports([H, typed('Лицей № 2')], 'UTC', undefined, []);
      expect(problems).toEqual([]);
      expect(reports.map((r) => r.school)).toEqual(['Лицей № 2']);
    });
  });

  it('gives nothing for an empty sheet', () => {
    expect(readReports([], 'UTC')).toEqual({ reports: [], problems: [] });
    expect(readReports([H], 'UTC')).toEqual({ reports: [], problems: [] });
  });
});
