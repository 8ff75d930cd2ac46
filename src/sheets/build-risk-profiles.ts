/**
 * buildRiskProfiles: reads `Ответы`, `Анкета`, `Школы`, `Настройки` and the roadmap once each and rewrites
 * `Рисковые профили`: district summary with its chart, the schools × factors matrix coloured by level,
 * coverage of high and medium risks by the roadmap, unmatched responses, and problems in the input.
 */
import { coverage, coverageReason, type CoverageMatch, type CoverageRow } from '../core/coverage';
import { dateInZone } from '../core/dates';
import { UserError } from '../core/errors';
import { columnLetter, type CellValue, type Grid } from '../core/grid';
import { MENU_TITLE, SHEET_MISSING, SHEET_MISSING_FIX, SHEETS } from '../core/messages';
import { readQuestionnaire } from '../core/questionnaire';
import { count, NOUNS } from '../core/plural';
import { buildProfiles, LEVEL, LEVELS, shownScore, type RiskLevel, type RiskProfiles } from '../core/risk';
import { ROLE_TITLES, ROLES } from '../core/risk-catalog';
import type { Activity, Problem } from '../core/roadmap-model';
import { readSchools, type School } from '../core/schools';
import { readSettings, type Settings } from '../core/settings';
import { insertStackedBarChart } from './bar-chart';
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
  /** Notes by 1-based row and column: factor codes, respondents per role behind each school × factor. */
  notes: Map<string, string>;
  /** Rows and columns kept in view while scrolling: the matrix header and the school column. */
  frozen: [number, number];
  /** Regions whose text wraps (row, column, rows, columns): factor names, activities with their reasons. */
  wrapRegions: [number, number, number, number][];
  /** Column widths in pixels: first column, number of columns, width. */
  widths: [number, number, number][];
  /** Row heights in pixels: first row, number of rows, height. */
  heights: [number, number, number][];
}

const num = (x: number): string => String(x).replace('.', ',');

/** Column widths in pixels: narrow numbers, a school column wide enough for activity titles, level columns for «средний». */
const WIDTH = { code: 70, school: 300, number: 80, level: 134, score: 44 } as const;

/**
 * Pixels a wrapped text needs in a column: lines of at most 8 px per character at 10 pt, 15 px each, at
 * most `maxLines`. Rows are sized by the script because LibreOffice shows a wrapped cell of an .xlsx only
 * as tall as its row (Sheets grows rows by itself, and keeps them so).
 */
function wrappedHeight(texts: readonly string[], widthPx: number, maxLines: number): number {
  const perLine = Math.max(1, Math.floor((widthPx - 8) / 8));
  // Greedy word wrap, as the spreadsheet does it: a word that does not fit starts a new line.
  const linesOf = (text: string): number =>
    text.split('\n').reduce((n, part) => {
      let lines = 1;
      let used = 0;
      for (const word of part.split(/\s+/).filter(Boolean)) {
        if (used > 0 && used + 1 + word.length > perLine) {
          lines++;
          used = 0;
        }
        used += (used > 0 ? 1 : 0) + word.length;
        while (used > perLine) {
          lines++;
          used -= perLine;
        }
      }
      return n + lines;
    }, 0);
  const lines = texts.reduce((m, t) => Math.max(m, linesOf(t)), 1);
  return Math.min(lines, maxLines) * 15 + 6;
}

/** Columns of the coverage block: a risk's row, then one row per activity with its title and why in column 2. */
export const COVERAGE_HEADER = [
  'Код',
  'Школа; под ней — мероприятия и почему они покрывают риск',
  'Фактор',
  'Уровень',
  'Балл',
  'Покрытие',
] as const;

/** «1.2.3 Название» of a coverage line. */
const activityTitle = (m: CoverageMatch): string =>
  `${m.activity.id ? `${m.activity.id} ` : ''}${m.activity.title}`;

/**
 * Lays out `Рисковые профили` for reading on screen and on an A4 landscape page: title and counts, then
 * the schools × factors matrix right under them (its header row and the school column stay frozen; each
 * factor is headed by its full name, with its code in a note, and has a level cell coloured by level with
 * the score beside it; respondents per role are in notes), then «Сводка по району» with room for its
 * chart, «Покрытие рисков» (each risk, then one activity per row with why it covers; the school column
 * wraps them in tall rows), unmatched responses and «Замечания».
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
  const wrapRegions: [number, number, number, number][] = [];
  const notes = new Map<string, string>();
  const heights: [number, number, number][] = [];
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
      `Балл риска от 0 (нет риска) до 1; пороги: средний риск от ${num(settings.mediumRiskFrom)}, высокий от ${num(settings.highRiskFrom)}; ` +
      `меньше ${count(settings.minRespondents, NOUNS.respondentGen)} — «${LEVEL.noData}». Число ответивших — в примечании к ячейке уровня.`,
  ]);

  const fixed = ['Код', 'Школа', 'Ответов', 'Высоких рисков', 'Средних рисков'];
  const matrixHeader = push([...fixed, ...p.factors.flatMap((f) => [f.name, 'балл'])], true);
  p.factors.forEach((f, i) =>
    notes.set(`${matrixHeader}:${fixed.length + 2 * i + 1}`, `Код фактора: ${f.code}`),
  );
  wrapRegions.push([matrixHeader, 1, 1, fixed.length + 2 * p.factors.length]);
  heights.push([
    matrixHeader,
    1,
    wrappedHeight(
      p.factors.map((f) => f.name),
      WIDTH.level,
      8,
    ),
  ]);
  const matrixTop = matrixHeader + 1;
  for (const s of p.schools) {
    const r = rows.length + 1;
    const byRole = ROLES.map((role) => `${ROLE_TITLES[role].toLowerCase()} ${s.byRole[role]}`).join(', ');
    notes.set(`${r}:2`, `Учтено ответов: ${byRole}.`);
    s.cells.forEach((c, f) => {
      const cellRoles = ROLES.map((role) => `${ROLE_TITLES[role].toLowerCase()} ${c.byRole[role]}`).join(
        ', ',
      );
      notes.set(
        `${r}:${fixed.length + 2 * f + 1}`,
        `${p.factors[f]?.code}: ответивших ${c.respondents} (${cellRoles}).`,
      );
    });
    push([
      s.school.code,
      s.school.shortName || s.school.fullName,
      ROLES.reduce((n, role) => n + s.byRole[role], 0),
      s.high,
      s.medium,
      ...s.cells.flatMap((c) => [c.level, c.score === null ? '' : shownScore(c.score, settings)]),
    ]);
  }
  if (p.schools.length > 0 && p.factors.length > 0) {
    levelRegions.push([matrixTop, fixed.length + 1, p.schools.length, p.factors.length * 2]);
    textRegions.push([matrixTop, 2, p.schools.length]);
  }
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

  push(['Покрытие высоких и средних рисков мероприятиями дорожной карты'], true);
  const coverHeader = push([...COVERAGE_HEADER], true);
  wrapRegions.push([coverHeader, 2, 1, 1]);
  heights.push([coverHeader, 1, wrappedHeight([COVERAGE_HEADER[1]], WIDTH.school, 3)]);
  let uncoveredRegion: [number, number, number] | null = null;
  if (!cover) push([`Лист «${SHEETS.activities}» не найден: покрытие не рассчитано.`]);
  else if (cover.length === 0) push(['Высоких и средних рисков нет.']);
  else {
    const top = rows.length + 1;
    for (const c of cover) {
      const r = push([
        c.school.code,
        c.school.shortName || c.school.fullName,
        c.factor.code,
        c.level,
        shownScore(c.score, settings),
        c.matches.length === 0 ? NOT_COVERED : `покрыт (${c.matches.length})`,
      ]);
      notes.set(`${r}:3`, c.factor.name);
      // One activity per row under its risk, the reason on the line below the title (the cell wraps).
      for (const m of c.matches)
        push([c.school.code, `${activityTitle(m)}\n(${coverageReason(m)})`, c.factor.code, '', '', '']);
    }
    const n = rows.length + 1 - top;
    levelRegions.push([top, 4, n, 1]);
    uncoveredRegion = [top, 6, n];
    textRegions.push([top, 2, n]);
    wrapRegions.push([top, 2, n, 1]);
    // One height for the whole block (one call, whatever its size): the tallest activity, up to 8 lines.
    const texts = rows.slice(top - 1).map((row) => String(row[1]));
    heights.push([top, n, wrappedHeight(texts, WIDTH.school, 8)]);
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
  const factorColumns = 2 * p.factors.length;
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
    frozen: [matrixHeader, 2],
    wrapRegions,
    heights,
    widths: [
      [1, 1, WIDTH.code],
      [2, 1, WIDTH.school],
      [3, 3, WIDTH.number],
      ...Array.from({ length: factorColumns }, (_, i): [number, number, number] => [
        fixed.length + 1 + i,
        1,
        i % 2 === 0 ? WIDTH.level : WIDTH.score,
      ]),
    ],
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
  sheet.setFrozenRows(layout.frozen[0]);
  sheet.setFrozenColumns(layout.frozen[1]);
  for (const [col, n, px] of layout.widths) sheet.setColumnWidths(col, n, px);
  for (const [row, col, nRows, nCols] of layout.wrapRegions)
    sheet.getRange(row, col, nRows, nCols).setWrap(true);
  for (const [row, n, px] of layout.heights) sheet.setRowHeights(row, n, px);

  const kept = sheet.getConditionalFormatRules().filter((r) => !isOurRule(r));
  sheet.setConditionalFormatRules([...levelRules(svc.spreadsheetApp, sheet, layout), ...kept]);

  insertStackedBarChart(sheet, {
    range: layout.chartRange,
    anchor: layout.chartAnchor,
    title: 'Уровни риска по факторам: число школ',
    colors: CHART_COLORS,
  });
}

/**
 * What the profiles are computed from: `Ответы` and `Анкета`, each as read in one getValues, and `Школы`
 * as readSchools parsed it (the roadmap needs the same schools, so the sheet is read and parsed once).
 */
export interface ProfileGrids {
  responses: Grid;
  questionnaire: Grid;
  schools: ReturnType<typeof readSchools>;
}

/** Profiles and their coverage by the roadmap (null without it), with the problems of the input. */
export interface ComputedProfiles {
  profiles: RiskProfiles;
  cover: CoverageRow[] | null;
  schools: School[];
  problems: Problem[];
}

/**
 * Reads the questionnaire and builds the profiles and coverage. No valid question or
 * no school is a UserError.
 */
export function computeProfiles(
  grids: ProfileGrids,
  settings: Settings,
  activities: Activity[] | null,
): ComputedProfiles {
  const problems: Problem[] = [];
  const questionnaire = readQuestionnaire(grids.questionnaire);
  const { schools } = grids;
  problems.push(...questionnaire.problems, ...schools.problems);
  if (questionnaire.questions.length === 0) {
    const first = questionnaire.problems[0];
    throw new UserError(
      `В листе «${SHEETS.questionnaire}» нет ни одного вопроса, который можно учесть${first ? `: ${first.cell} — ${first.message}` : '.'}`,
      first?.fix ??
        `Выполните «${MENU_TITLE} → Создать шаблон листов» или заполните блоки «Факторы» и «Вопросы».`,
    );
  }
  if (schools.schools.length === 0) {
    throw new UserError(
      `В листе «${SHEETS.schools}» нет ни одной школы.`,
      'Заполните «Код», «Полное наименование» и «Краткое наименование» школ.',
    );
  }

  const profiles = buildProfiles({
    responses: grids.responses,
    questionnaire,
    schools: schools.schools,
    settings,
  });
  problems.push(...profiles.problems);
  const cover = activities ? coverage(profiles, activities) : null;
  return { profiles, cover, schools: schools.schools, problems };
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
  const schools = readSchools(schoolsGrid);
  const sheetIds: Record<string, number> = Object.fromEntries(
    sheets.map((sh) => [sh.getName(), sh.getSheetId()]),
  );

  let settings: Settings;
  let activities: Activity[] | null = null;
  const problems: Problem[] = [];
  let roadmapProblems: Problem[] = [];
  if (ss.getSheetByName(SHEETS.activities)) {
    // `Школы` was read above: the roadmap's check of who reaches «ОО» takes its schools from that read.
    const loaded = loadRoadmap(svc, schools.schools);
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

  const {
    profiles,
    cover,
    problems: found,
  } = computeProfiles({ responses, questionnaire: questionnaireGrid, schools }, settings, activities);
  problems.push(...found);
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
