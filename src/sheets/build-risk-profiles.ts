/**
 * buildRiskProfiles: reads `Ответы`, `Анкета`, `Школы`, `Настройки` and the roadmap once each and rewrites
 * `Рисковые профили`: district summary with its chart, the schools × factors matrix coloured by level,
 * coverage of high and medium risks by the roadmap, unmatched responses, and problems in the input.
 */
import { coverage, coverageReason, type CoverageMatch, type CoverageRow } from '../core/coverage';
import { dateInZone } from '../core/dates';
import { UserError } from '../core/errors';
import { columnLetter, type CellValue, type Grid } from '../core/grid';
import { SHEET_MISSING, SHEET_MISSING_FIX, SHEETS } from '../core/messages';
import { readQuestionnaire } from '../core/questionnaire';
import { buildProfiles, LEVEL, LEVELS, shownScore, type RiskLevel, type RiskProfiles } from '../core/risk';
import { ROLE_TITLES, ROLES } from '../core/risk-catalog';
import type { Activity, Problem } from '../core/roadmap-model';
import { readSchools } from '../core/schools';
import { readSettings, type Settings } from '../core/settings';
import { writeCheckSheet } from './check-sheet';
import { RULE_MARKER, isOurRule } from './conditional-format';
import { dataErrors, done, type JobResult } from './job';
import { appendJournal } from './journal';
import type { ConditionalFormatRulePort, Services, SheetPort, SpreadsheetAppPort } from './ports';
import { loadRoadmap } from './roadmap-source';
import { ensureSize } from './sheet-size';

/** Background of each level, in the matrix, the coverage list and the chart. */
export const LEVEL_COLORS: Record<RiskLevel, string> = {
  высокий: '#f4c7c3',
  средний: '#fce8b2',
  низкий: '#b7e1cd',
  'недостаточно данных': '#e8eaed',
};
/** Series colours of the chart (stronger than the cell backgrounds, in LEVELS order). */
const CHART_COLORS = ['#e06666', '#f6b26b', '#93c47d', '#b7b7b7'];
const NOT_COVERED = 'не покрыт';
/** Rows kept free under the summary for the chart (Sheets draws it over cells, not between them). */
const CHART_ROWS = 22;

/** What the sheet will hold and where, computed before any write. */
export interface ProfileSheet {
  grid: CellValue[][];
  width: number;
  /** 1-based rows of block titles and column headers (bold). */
  boldRows: number[];
  /** The summary table (header row included) the chart draws: row, column, rows, columns. */
  chartRange: [number, number, number, number];
  /** Where the chart is anchored (row, column). */
  chartAnchor: [number, number];
  /** Regions coloured by level: top-left row and column, rows, columns; the formula compares each cell with a level. */
  levelRegions: [number, number, number, number][];
  /** The coverage column where «не покрыт» is marked (row, column, rows), or null. */
  uncoveredRegion: [number, number, number] | null;
  /** Columns of text taken from the user's data (kept as plain text): row, column, rows. */
  textRegions: [number, number, number][];
  /** Notes by 1-based row and column: respondents per role behind each school × factor. */
  notes: Map<string, string>;
}

const num = (x: number): string => String(x).replace('.', ',');

/** Activities listed in one coverage cell before «и ещё N»: the cell stays readable. */
const LISTED_ACTIVITIES = 5;

function activityList(activities: CoverageMatch[]): string {
  const shown = activities
    .slice(0, LISTED_ACTIVITIES)
    .map((m) => `${m.activity.id ? `${m.activity.id} ` : ''}${m.activity.title} (${coverageReason(m)})`);
  const more = activities.length - shown.length;
  return [...shown, ...(more > 0 ? [`и ещё ${more} (всего ${activities.length})`] : [])].join('\n');
}

/**
 * Lays out `Рисковые профили`: title and counts; «Сводка по району» (schools per level for each factor,
 * the chart's data) with room for the chart; «Профили школ» (per school its high and medium risks,
 * respondents per role, and per factor score, level and respondents); «Покрытие рисков дорожной картой»;
 * «Ответы, не сопоставленные со школой»; «Замечания».
 */
export function profileSheet(
  p: RiskProfiles,
  cover: CoverageRow[] | null,
  problems: Problem[],
  settings: Pick<Settings, 'mediumRiskFrom' | 'highRiskFrom' | 'minRespondents' | 'aggregation'>,
  builtAt: string,
): ProfileSheet {
  const rows: CellValue[][] = [];
  const boldRows: number[] = [];
  const levelRegions: [number, number, number, number][] = [];
  const textRegions: [number, number, number][] = [];
  const push = (row: CellValue[], bold = false): number => {
    rows.push(row);
    if (bold) boldRows.push(rows.length);
    return rows.length;
  };

  push(['Рисковые профили школ'], true);
  push([
    `Построено ${builtAt}. Ответов: ${p.responses}, учтено: ${p.matched}` +
      (p.merged ? `, повторных отправок объединено: ${p.merged}` : '') +
      `, школ: ${p.schools.length}, факторов: ${p.factors.length}. Способ агрегации: «${settings.aggregation}». ` +
      `Пороги: средний риск от ${num(settings.mediumRiskFrom)}, высокий от ${num(settings.highRiskFrom)}; ` +
      `меньше ${settings.minRespondents} ответивших — «${LEVEL.noData}».`,
  ]);
  push([]);

  push(['Сводка по району: число школ с каждым уровнем риска'], true);
  const summaryHeader = push(['Код', 'Фактор риска', ...LEVELS], true);
  for (const s of p.summary) push([s.factor.code, s.factor.name, ...LEVELS.map((l) => s.counts[l])]);
  const chartRange: [number, number, number, number] = [
    summaryHeader,
    2,
    p.summary.length + 1,
    1 + LEVELS.length,
  ];
  push([]);
  const chartAnchor: [number, number] = [rows.length + 1, 1];
  for (let i = 0; i < CHART_ROWS; i++) push([]);

  push(
    [
      'Профили школ: балл риска (0 — нет риска, 1 — наибольший), уровень и число ответивших по каждому фактору',
    ],
    true,
  );
  const roleCols = ROLES.map((r) => ROLE_TITLES[r]);
  const fixed = ['Код', 'Школа', 'Высоких рисков', 'Средних рисков', ...roleCols];
  push(
    [...fixed, ...p.factors.flatMap((f) => [`${f.code} балл`, `${f.code} уровень`, `${f.code} ответивших`])],
    true,
  );
  const matrixTop = rows.length + 1;
  const notes = new Map<string, string>();
  for (const s of p.schools) {
    s.cells.forEach((c, f) => {
      const byRole = ROLES.map((r) => `${ROLE_TITLES[r].toLowerCase()} ${c.byRole[r]}`).join(', ');
      notes.set(`${rows.length + 1}:${fixed.length + 3 * f + 3}`, `Ответили: ${byRole}.`);
    });
    push([
      s.school.code,
      s.school.shortName || s.school.fullName,
      s.high,
      s.medium,
      ...ROLES.map((r) => s.byRole[r]),
      ...s.cells.flatMap((c) => [
        c.score === null ? '' : shownScore(c.score, settings),
        c.level,
        c.respondents,
      ]),
    ]);
  }
  if (p.schools.length > 0 && p.factors.length > 0) {
    levelRegions.push([matrixTop, fixed.length + 1, p.schools.length, p.factors.length * 3]);
    textRegions.push([matrixTop, 2, p.schools.length]);
  }
  push([]);

  push(['Покрытие высоких и средних рисков мероприятиями дорожной карты'], true);
  push(['Код', 'Школа', 'Фактор риска', 'Уровень', 'Балл', 'Мероприятия', 'Покрытие'], true);
  let uncoveredRegion: [number, number, number] | null = null;
  if (!cover) push([`Лист «${SHEETS.activities}» не найден: покрытие не рассчитано.`]);
  else if (cover.length === 0) push(['Высоких и средних рисков нет.']);
  else {
    const top = rows.length + 1;
    for (const c of cover) {
      const covered = c.matches.length > 0;
      push([
        c.school.code,
        c.school.shortName || c.school.fullName,
        `${c.factor.code} ${c.factor.name}`,
        c.level,
        shownScore(c.score, settings),
        covered ? activityList(c.matches) : NOT_COVERED,
        covered ? 'покрыт' : NOT_COVERED,
      ]);
    }
    levelRegions.push([top, 4, cover.length, 1]);
    uncoveredRegion = [top, 7, cover.length];
    textRegions.push([top, 2, cover.length], [top, 6, cover.length]);
  }
  push([]);

  push([`Ответы, не сопоставленные со школой или ролью (лист «${SHEETS.responses}»)`], true);
  push(['Строка', 'Школа (как в ответе)', 'Роль (как в ответе)', 'Причина'], true);
  if (p.unmatched.length === 0) push(['Все ответы сопоставлены.']);
  else {
    textRegions.push([rows.length + 1, 2, p.unmatched.length], [rows.length + 1, 3, p.unmatched.length]);
    for (const u of p.unmatched) push([u.row, u.school, u.role, u.reason]);
  }

  if (problems.length > 0) {
    push([]);
    push(['Замечания к данным'], true);
    push(['Лист', 'Ячейка', 'Важность', 'Что не так', 'Что сделать'], true);
    for (const pr of problems) push([pr.sheet, pr.cell, pr.severity, pr.message, pr.fix]);
  }

  const width = Math.max(...rows.map((r) => r.length), 1);
  const grid = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  return {
    grid,
    width,
    boldRows,
    chartRange,
    chartAnchor,
    levelRegions,
    uncoveredRegion,
    textRegions,
    notes,
  };
}

function sheetOrFail(svc: Services, name: string): SheetPort {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) throw new UserError(SHEET_MISSING(name), SHEET_MISSING_FIX);
  return sheet;
}

const valuesOf = (sheet: SheetPort): Grid =>
  sheet.getLastRow() === 0 ? [] : sheet.getDataRange().getValues();

/** Level rules: each cell of a region compared with a level text; the marker lets the next run replace them. */
function levelRules(
  app: SpreadsheetAppPort,
  sheet: SheetPort,
  layout: ProfileSheet,
): ConditionalFormatRulePort[] {
  const rules: ConditionalFormatRulePort[] = [];
  for (const [row, col, nRows, nCols] of layout.levelRegions) {
    // A relative reference to the region's top-left cell: Sheets shifts it for every cell of the range.
    const cell = `${columnLetter(col)}${row}`;
    const range = sheet.getRange(row, col, nRows, nCols);
    for (const level of LEVELS) {
      rules.push(
        app
          .newConditionalFormatRule()
          .whenFormulaSatisfied(`=AND(${RULE_MARKER},${cell}="${level}")`)
          .setBackground(LEVEL_COLORS[level])
          .setRanges([range])
          .build(),
      );
    }
  }
  if (layout.uncoveredRegion) {
    const [row, col, nRows] = layout.uncoveredRegion;
    rules.push(
      app
        .newConditionalFormatRule()
        .whenFormulaSatisfied(`=AND(${RULE_MARKER},${columnLetter(col)}${row}="${NOT_COVERED}")`)
        .setBackground(LEVEL_COLORS[LEVEL.high])
        .setFontColor('#990000')
        .setRanges([sheet.getRange(row, col, nRows, 1)])
        .build(),
    );
  }
  return rules;
}

/** Rewrites the sheet with a constant number of calls: one setValues, one rule set, one chart. */
function writeSheet(svc: Services, layout: ProfileSheet): void {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(SHEETS.profiles) ?? ss.insertSheet(SHEETS.profiles);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  const { grid, width } = layout;
  // Sheet.clear() keeps notes: the notes written below cover the previous run's area too, clearing stale ones.
  const noteRows = Math.max(grid.length, sheet.getLastRow());
  const noteCols = Math.max(width, sheet.getLastColumn());
  sheet.clear();
  ensureSize(sheet, grid.length, width);
  // Plain text first: a school name typed as «=…» or «1.1» in «Ответы» must stay text here.
  for (const [row, col, n] of layout.textRegions) sheet.getRange(row, col, n, 1).setNumberFormat('@');
  sheet.getRange(1, 1, grid.length, width).setValues(grid);
  sheet
    .getRange(1, 1, grid.length, width)
    .setFontWeights(
      grid.map((_, r) => Array<string | null>(width).fill(layout.boldRows.includes(r + 1) ? 'bold' : null)),
    );
  sheet
    .getRange(1, 1, noteRows, noteCols)
    .setNotes(
      Array.from({ length: noteRows }, (_, r) =>
        Array.from({ length: noteCols }, (_, c) => layout.notes.get(`${r + 1}:${c + 1}`) ?? null),
      ),
    );
  sheet.setColumnWidth(2, 260);

  const kept = sheet.getConditionalFormatRules().filter((r) => !isOurRule(r));
  sheet.setConditionalFormatRules([...levelRules(svc.spreadsheetApp, sheet, layout), ...kept]);

  const [row, col, nRows, nCols] = layout.chartRange;
  const chart = sheet
    .newChart()
    .asBarChart()
    .addRange(sheet.getRange(row, col, nRows, nCols))
    .setPosition(layout.chartAnchor[0], layout.chartAnchor[1], 0, 0)
    .setOption('title', 'Уровни риска по факторам: число школ')
    .setOption('isStacked', true)
    .setOption('colors', CHART_COLORS)
    .setOption('legend', { position: 'top' })
    .setOption('width', 900)
    .setOption('height', 420)
    .build();
  sheet.insertChart(chart);
}

/**
 * Builds `Рисковые профили`. Missing `Ответы`, `Анкета` or `Школы`, no valid question or no school is a
 * UserError; without `Мероприятия` the profiles are still built and coverage says why it is missing.
 * Exit code 1 when `Анкета` or `Школы` have errors (listed under «Замечания к данным»).
 */
export function buildRiskProfiles(svc: Services): JobResult {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const timeZone = ss.getSpreadsheetTimeZone();
  const sheets = [SHEETS.responses, SHEETS.questionnaire, SHEETS.schools].map((n) => sheetOrFail(svc, n));
  const [responses, questionnaireGrid, schoolsGrid] = sheets.map(valuesOf) as [Grid, Grid, Grid];
  const sheetIds: Record<string, number> = Object.fromEntries(
    sheets.map((sh) => [sh.getName(), sh.getSheetId()]),
  );

  let settings: Settings;
  let activities: Activity[] | null = null;
  const problems: Problem[] = [];
  let roadmapProblems: Problem[] = [];
  if (ss.getSheetByName(SHEETS.activities)) {
    const loaded = loadRoadmap(svc);
    settings = loaded.settings;
    activities = loaded.roadmap.activities;
    roadmapProblems = loaded.roadmap.problems;
    Object.assign(sheetIds, loaded.sheetIds);
  } else {
    const settingsSheet = ss.getSheetByName(SHEETS.settings);
    const year = Number(dateInZone(svc.now(), timeZone).slice(0, 4));
    const read = readSettings(settingsSheet ? valuesOf(settingsSheet) : [], timeZone, year);
    settings = read.settings;
    problems.push(...read.problems);
    if (settingsSheet) sheetIds[SHEETS.settings] = settingsSheet.getSheetId();
  }

  const questionnaire = readQuestionnaire(questionnaireGrid);
  const schools = readSchools(schoolsGrid);
  problems.push(...questionnaire.problems, ...schools.problems);
  if (questionnaire.questions.length === 0) {
    const first = questionnaire.problems[0];
    throw new UserError(
      `В листе «${SHEETS.questionnaire}» нет ни одного вопроса, который можно учесть${first ? `: ${first.cell} — ${first.message}` : '.'}`,
      first?.fix ?? 'Выполните «Создать шаблон листов» или заполните блоки «Факторы» и «Вопросы».',
    );
  }
  if (schools.schools.length === 0) {
    throw new UserError(
      `В листе «${SHEETS.schools}» нет ни одной школы.`,
      'Заполните «Код», «Полное наименование» и «Краткое наименование» школ.',
    );
  }

  const profiles = buildProfiles({ responses, questionnaire, schools: schools.schools, settings });
  problems.push(...profiles.problems);
  const cover = activities ? coverage(profiles, activities) : null;
  const builtAt = svc.utilities.formatDate(svc.now(), timeZone, 'dd.MM.yyyy HH:mm');
  const layout = profileSheet(profiles, cover, problems, settings, builtAt);
  writeSheet(svc, layout);
  // `Проверка` lists what this run found in every sheet it read, the roadmap's own problems included.
  writeCheckSheet(svc, [...roadmapProblems, ...problems], sheetIds);

  const high = profiles.schools.reduce((n, s) => n + s.high, 0);
  const medium = profiles.schools.reduce((n, s) => n + s.medium, 0);
  const uncovered = cover ? cover.filter((c) => c.matches.length === 0).length : 0;
  const errors = problems.filter((pr) => pr.severity === 'ошибка').length;
  const message =
    `Рисковые профили построены: школ ${profiles.schools.length}, учтено ответов ${profiles.matched} из ${profiles.responses}; ` +
    `высоких рисков ${high}, средних ${medium}` +
    (cover ? `, не покрыто дорожной картой ${uncovered}` : '') +
    (profiles.unmatched.length ? `; не сопоставлено ответов: ${profiles.unmatched.length}` : '') +
    (profiles.merged ? `; повторных отправок объединено: ${profiles.merged} (см. «${SHEETS.check}»)` : '') +
    (errors ? `; ошибок в данных: ${errors} (см. «Замечания к данным»)` : '') +
    '.' +
    (profiles.responses === 0
      ? ` В листе «${SHEETS.responses}» пока нет ответов: подключите к нему Google Форму анкеты.`
      : '');
  appendJournal(svc, [
    {
      job: 'buildRiskProfiles',
      event: 'Рисковые профили построены',
      details: message,
      status: errors ? 'ошибки в данных' : 'готово',
    },
  ]);
  return errors ? dataErrors(message) : done(message);
}
