import type { CellValue } from '../../src/core/grid';
import { LEVELS } from '../../src/core/risk';
import { generateSample, type SampleData } from '../../src/core/sample-responses';
import { defaultSettings, settingsRows } from '../../src/core/settings';
import { LocalHost } from '../../src/local/host';
import type { Sheet } from '../../src/local/spreadsheet';
import { buildRiskProfiles, COVERAGE_HEADER, LEVEL_COLORS } from '../../src/sheets/build-risk-profiles';
import { seedActivitiesGrid } from '../fixtures/seed-roadmaps';

const opts = { now: '2024-04-10', timeZone: 'Asia/Chita' };
const settings = [['Параметр', 'Значение', 'Пояснение'], ...settingsRows(defaultSettings(2024))];

function workbook(data: SampleData, withRoadmap = true): Record<string, unknown[][]> {
  return {
    Школы: data.schools,
    Анкета: data.questionnaire,
    Ответы: data.responses,
    Настройки: settings,
    ...(withRoadmap ? { Мероприятия: seedActivitiesGrid('004_') } : {}),
  };
}

const profileSheet = (host: LocalHost): Sheet =>
  host.spreadsheet.getSheetByName('Рисковые профили') as unknown as Sheet;
const rowOf = (grid: CellValue[][], title: string): number =>
  grid.findIndex((r) => String(r[0]).startsWith(title));

describe('buildRiskProfiles on 30 generated schools and seed 004’s roadmap', () => {
  const data = generateSample({ schools: 30, respondents: 12, seed: 7 });
  const host = LocalHost.fromSheets(workbook(data), opts);
  const result = buildRiskProfiles(host.services());
  const grid = host.values('Рисковые профили');

  it('reports what it built', () => {
    expect(result.exitCode).toBe(0);
    expect(result.message).toMatch(
      /^Рисковые профили построены: школ 30, учтено ответов \d+ из \d+; высоких рисков \d+, средних \d+, не покрыто дорожной картой \d+; не сопоставлено ответов: \d+\.$/,
    );
    expect(grid[0]?.[0]).toBe('Рисковые профили школ');
    expect(String(grid[1]?.[0])).toContain('Построено 10.04.2024');
  });

  it('writes the matrix under the title: per school and factor the level with its score beside it', () => {
    const head = 2; // row 3, right under the title and the counts
    const header = grid[head];
    expect(header.slice(0, 5)).toEqual(['Код', 'Школа', 'Ответов', 'Высоких рисков', 'Средних рисков']);
    // full factor names head the level columns, the code is in a note
    expect(header.slice(5, 9)).toEqual([
      'Низкий уровень оснащения школы',
      'балл',
      'Дефицит педагогических кадров',
      'балл',
    ]);
    const sheet = profileSheet(host);
    expect(sheet.getRange(head + 1, 6).getNote()).toBe('Код фактора: R01');
    const levelCol = (code: string): number => 5 + 2 * (Number(code.slice(1)) - 1);
    for (const t of data.truth) {
      const r = grid.findIndex((row, i) => i > head && row[0] === t.school);
      const row = grid[r];
      const col = levelCol(t.factor);
      expect([t.school, t.factor, row[col]]).toEqual([t.school, t.factor, t.level]);
      expect(sheet.getRange(r + 1, col + 1).getNote()).toMatch(
        new RegExp(
          `^${t.factor}: ответивших ${t.respondents} \\(директор \\d+, учителя \\d+, ученики \\d+, родители \\d+\\)\\.$`,
        ),
      );
      if (t.level !== 'недостаточно данных')
        expect(Math.abs((row[col + 1] as number) - t.latent)).toBeLessThan(0.15);
    }
    const first = grid[head + 1];
    expect(first[3]).toBe(first.filter((c) => c === 'высокий').length);
  });

  it('keeps the matrix header and the school column in view, wraps factor names and sizes the columns', () => {
    const sheet = profileSheet(host);
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([3, 2]);
    expect(sheet.getRange(3, 6).getWraps()).toEqual([[true]]);
    expect([sheet.getColumnWidth(2), sheet.getColumnWidth(6), sheet.getColumnWidth(7)]).toEqual([
      300, 134, 44,
    ]);
    // rows tall enough to show wrapped text whole (LibreOffice shows no more than the row's height):
    // «Недостаточная предметная и методическая компетентность педагогических работников» wraps to 6 lines or more
    expect(sheet.getRowHeight(3)).toBeGreaterThanOrEqual(6 * 15 + 6);
    const coverageTop = rowOf(grid, 'Покрытие высоких и средних рисков') + 3;
    expect(sheet.getRowHeight(coverageTop)).toBeGreaterThanOrEqual(3 * 15 + 6);
  });

  it('summarises the district: for each factor the schools at each level add up to 30', () => {
    const head = rowOf(grid, 'Сводка по району') + 1;
    expect(grid[head]?.slice(0, 6)).toEqual([
      'Код',
      'Фактор риска',
      'высокий',
      'средний',
      'низкий',
      'недостаточно данных',
    ]);
    for (let f = 0; f < 10; f++) {
      const row = grid[head + 1 + f];
      expect(row[0]).toBe(`R${String(f + 1).padStart(2, '0')}`);
      const expected = LEVELS.map(
        (l) => data.truth.filter((t) => t.factor === row[0] && t.level === l).length,
      );
      expect(row.slice(2, 6)).toEqual(expected);
    }
  });

  it('inserts a stacked bar chart of the summary', () => {
    const charts = profileSheet(host).charts;
    expect(charts).toHaveLength(1);
    const chart = charts[0];
    expect(chart?.spec.type).toBe('BAR');
    expect(chart?.getOptions().get('isStacked')).toBe(true);
    expect(chart?.getOptions().get('title')).toBe('Уровни риска по факторам: число школ');
    const data = chart?.spec.ranges[0]?.getValues() ?? [];
    expect(data[0]).toEqual(['Фактор риска', 'высокий', 'средний', 'низкий', 'недостаточно данных']);
    expect(data).toHaveLength(11);
    expect(data[2]?.[0]).toBe('Дефицит педагогических кадров');
  });

  it('lists coverage: each risk, then seed 004’s «1.2 … дефицита кадров» actions for R02 one per row with why; «не покрыт» for R07', () => {
    const head = rowOf(grid, 'Покрытие высоких и средних рисков') + 1;
    expect(grid[head]?.slice(0, 6)).toEqual([...COVERAGE_HEADER]);
    expect(COVERAGE_HEADER[1]).toBe('Школа; под ней — мероприятия и почему они покрывают риск');
    const rows = grid.slice(head + 1, rowOf(grid, 'Ответы, не сопоставленные') - 1);
    const risks = rows.filter((r) => r[3] !== '');
    const expected = data.truth.filter((t) => t.level === 'высокий' || t.level === 'средний');
    expect(risks).toHaveLength(expected.length);
    const r02 = rows.findIndex((r) => r[2] === 'R02' && r[3] !== '');
    expect(r02).toBeGreaterThanOrEqual(0);
    expect(rows[r02]?.[5]).toBe('покрыт (3)');
    // 1.2.1, 1.2.2 and 1.2.6 are the district body's alone (МОУО): they reach no school
    const listed = rows.slice(r02 + 1, r02 + 4);
    expect(listed.map((r) => String(r[1]).split(' ')[0])).toEqual(['1.2.3', '1.2.4', '1.2.5']);
    expect(listed.every((r) => r[0] === rows[r02]?.[0] && r[2] === 'R02')).toBe(true);
    expect(listed[0]?.[1]).toBe(
      'Реализация регионального подпроекта «Будущий учитель-учитель будущего»'.replace(/^/, '1.2.3 ') +
        '\n(ответственный «ПРШ» — все школы; фактор: раздел 1.2)',
    );
    const r07 = risks.filter((r) => r[2] === 'R07');
    expect(r07.length).toBeGreaterThan(0);
    for (const r of r07) expect(r[5]).toBe('не покрыт');
  });

  it('lists every unmatched response with its row in «Ответы»', () => {
    const head = rowOf(grid, 'Ответы, не сопоставленные') + 1;
    expect(grid[head]?.slice(0, 4)).toEqual([
      'Строка',
      'Школа (как в ответе)',
      'Роль (как в ответе)',
      'Причина',
    ]);
    const listed = grid.slice(head + 1, head + 1 + data.unmatchedRows.length).map((r) => r[0]);
    expect(listed).toEqual(data.unmatchedRows);
    expect(
      grid.slice(head + 1).some((r) => r[1] === 'Школа №999' && r[3] === 'школа не найдена в листе «Школы»'),
    ).toBe(true);
  });

  it('colours every level cell by a conditional-format rule of its level', () => {
    const sheet = profileSheet(host);
    const rules = sheet.getConditionalFormatRules();
    const head = 2;
    const col = 5 + 2 * 4 + 1; // R05's level column, 1-based
    for (let r = head + 2; r <= head + 31; r++) {
      const text = grid[r - 1]?.[col - 1] as keyof typeof LEVEL_COLORS;
      const matching = rules.filter((rule) => {
        const [range] = rule.getRanges();
        if (
          !range ||
          r < range.getRow() ||
          r >= range.getRow() + range.getNumRows() ||
          col < range.getColumn() ||
          col >= range.getColumn() + range.getNumColumns()
        )
          return false;
        const m = /,([A-Z]+)(\d+)="([^"]+)"\)$/.exec(
          String(rule.getBooleanCondition()?.getCriteriaValues()[0]),
        );
        // the formula names the range's top-left cell: relative, so each cell compares itself
        expect(m?.slice(1, 3)).toEqual([
          range.getA1Notation().split(':')[0]?.replace(/\d+/, ''),
          String(range.getRow()),
        ]);
        return m?.[3] === text;
      });
      expect(matching.map((m) => m.spec.background)).toEqual([LEVEL_COLORS[text].toLowerCase()]);
    }
  });
});

describe('buildRiskProfiles with repeated Forms submissions', () => {
  it('counts a repeat from the same address once and says so in «Проверка» and in its message', () => {
    const data = generateSample({ schools: 5, respondents: 8, seed: 3 });
    const [header, ...rows] = data.responses;
    const withAddress = [
      [header[0], 'Адрес электронной почты', ...header.slice(1)],
      ...rows.map((r, i) => [r[0], `r${i}@example.ru`, ...r.slice(1)]),
    ];
    const first = withAddress[1];
    const again = [new Date((first[0] as Date).getTime() + 30_000), ...first.slice(1)];
    withAddress.splice(2, 0, again);
    const host = LocalHost.fromSheets({ ...workbook(data), Ответы: withAddress }, opts);
    const result = buildRiskProfiles(host.services());
    expect(result.message).toContain('; повторных отправок объединено: 1 (см. «Проверка»)');
    const check = host.values('Проверка');
    const line = check.find((r) => String(r[3]).startsWith('Повторные отправки формы'));
    expect(line?.slice(0, 2)).toEqual(['предупреждение', 'Ответы']);
    expect(line?.[3]).toContain('строки 3 (повтор строки 2)');
    expect(String(host.values('Рисковые профили')[1]?.[0])).toContain('повторных отправок объединено: 1');
  });
});

describe('buildRiskProfiles run again', () => {
  it('replaces its rules and chart instead of stacking them, and keeps the user’s own rule', () => {
    const host = LocalHost.fromSheets(
      workbook(generateSample({ schools: 5, respondents: 8, seed: 2 })),
      opts,
    );
    buildRiskProfiles(host.services());
    const sheet = profileSheet(host);
    const app = host.services().spreadsheetApp;
    const mine = app
      .newConditionalFormatRule()
      .whenFormulaSatisfied('=B3="Чарская"')
      .setBackground('#0000ff')
      .setRanges([sheet.getRange('B3:B9')])
      .build();
    const count = sheet.getConditionalFormatRules().length;
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), mine]);
    buildRiskProfiles(host.services());
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(count + 1);
    expect(
      rules.filter((r) => r.getBooleanCondition()?.getCriteriaValues()[0] === '=B3="Чарская"'),
    ).toHaveLength(1);
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it('says when there is no roadmap, and still builds the profiles', () => {
    const host = LocalHost.fromSheets(
      workbook(generateSample({ schools: 5, respondents: 8, seed: 2 }), false),
      opts,
    );
    const result = buildRiskProfiles(host.services());
    expect(result.exitCode).toBe(0);
    expect(
      host
        .values('Рисковые профили')
        .some((r) => r[0] === 'Лист «Мероприятия» не найден: покрытие не рассчитано.'),
    ).toBe(true);
  });
});

describe('buildRiskProfiles from the menu (dist/Code.js in the local host)', () => {
  it('builds the sheet, shows a toast and writes a line to «Журнал»', () => {
    const host = LocalHost.fromSheets(
      workbook(generateSample({ schools: 4, respondents: 8, seed: 6 })),
      opts,
    );
    const result = host.run<{ exitCode: number; message: string }>('buildRiskProfiles');
    expect(result.exitCode).toBe(0);
    expect(host.ui.filter((e) => e.kind === 'toast').map((e) => e.text)).toEqual([result.message]);
    expect(host.values('Рисковые профили')[0]?.[0]).toBe('Рисковые профили школ');
    expect(profileSheet(host).charts).toHaveLength(1);
    expect(
      host
        .values('Журнал')
        .slice(1)
        .map((r) => [r[1], r[2]]),
    ).toEqual([['buildRiskProfiles', 'Рисковые профили построены']]);
  });
});

describe('buildRiskProfiles refuses or flags input it cannot use', () => {
  it('says when «Ответы» has no responses yet, and shows every factor as «недостаточно данных»', () => {
    const empty = generateSample({ schools: 2, respondents: 5, seed: 1 });
    const host = LocalHost.fromSheets({ ...workbook(empty, false), Ответы: [empty.responses[0]] }, opts);
    const result = buildRiskProfiles(host.services());
    expect(result.message).toContain('В листе «Ответы» пока нет ответов');
    const grid = host.values('Рисковые профили');
    const head = rowOf(grid, 'Сводка по району') + 1;
    expect(grid[head + 1]?.slice(2, 6)).toEqual([0, 0, 0, 2]);
  });

  const data = generateSample({ schools: 3, respondents: 6, seed: 5 });

  it('throws a UserError naming a missing sheet', () => {
    const { Ответы: _, ...rest } = workbook(data, false);
    const host = LocalHost.fromSheets(rest, opts);
    expect(() => buildRiskProfiles(host.services())).toThrow('В таблице нет листа «Ответы».');
  });

  it('returns exit code 1 and lists an error of «Анкета» with its cell', () => {
    const questionnaire = data.questionnaire.map((r) => [...r]);
    const row = questionnaire.findIndex((r) => r[0] === 'Мне интересно учиться');
    questionnaire[row][3] = 'как получится';
    const host = LocalHost.fromSheets({ ...workbook(data, false), Анкета: questionnaire }, opts);
    const result = buildRiskProfiles(host.services());
    expect(result.exitCode).toBe(1);
    const grid = host.values('Рисковые профили');
    const notes = grid.slice(rowOf(grid, 'Замечания к данным') + 2);
    expect(notes[0]?.slice(0, 3)).toEqual(['Анкета', `D${row + 1}`, 'ошибка']);
  });
});

describe('sheet calls', () => {
  it('do not grow with the number of responses (100 vs 10,000)', () => {
    const calls = (respondents: number, schools: number): Record<string, number> => {
      const host = LocalHost.fromSheets(workbook(generateSample({ schools, respondents, seed: 9 })), opts);
      host.calls.reset();
      buildRiskProfiles(host.services());
      return host.calls.byMethod();
    };
    const small = calls(10, 10);
    const { 'Sheet.insertRowsAfter': grown, ...large } = calls(100, 100);
    expect(large).toEqual(small);
    // the sheet itself outgrows the 1,000 rows of a new sheet once: one call adds them all
    expect(grown).toBe(1);
    // one for «Рисковые профили», one for «Проверка», two for «Журнал» (its header when created, then the entry)
    expect(small['Range.setValues']).toBe(4);
  });
});
