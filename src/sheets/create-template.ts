/** createTemplate: adds the user's sheets that are missing or empty, each with headers, notes, dropdowns and examples. */
import { dateInZone } from '../core/dates';
import { FACT_RULE_NAMES, TEMPLATE_EXAMPLE } from '../core/indicators';
import { REPORT_STATUSES, REPORTS_HEADER, RESPONSIBLE_HEADER, SCHOOLS_HEADER } from '../core/layouts';
import { isUserError } from '../core/errors';
import { SHEETS } from '../core/messages';
import {
  DEFAULT_FACTORS,
  QUESTIONS_HEADER,
  ROLES,
  defaultQuestionnaireRows,
  questionnaireHeader,
  questionnaireHeaderNotes,
  questionnaireHeaderRows,
} from '../core/risk-catalog';
import { defaultSettings, SETTING_KEYS, settingsRows, WEEKDAYS_RU } from '../core/settings';
import { done, type JobResult } from './job';
import { appendJournal } from './journal';
import type { Services, SheetPort } from './ports';
import { loadRoadmap } from './roadmap-source';
import { ensureSize } from './sheet-size';

interface Dropdown {
  /** 1-based column. */
  column: number;
  values: readonly string[];
  help: string;
  /** First and last 1-based rows; default: row 2 to the end of the sheet. */
  rows?: [number, number];
  /** Accept other text too (a comma list of codes, a name instead of a code). */
  allowInvalid?: boolean;
}

interface SheetTemplate {
  name: string;
  header: readonly string[];
  /** One note per header cell, explaining the column. */
  notes: readonly string[];
  rows: readonly (readonly (string | number)[])[];
  /** Column widths in pixels, one per column (the last repeats). */
  widths: readonly number[];
  dropdowns: readonly Dropdown[];
  /** Other 1-based rows to make bold (block headers). */
  boldRows?: readonly number[];
  /** Keep typed values as text («1.1», «100%», «01.09.2021» stay as written); off for response sheets. */
  plainText: boolean;
}

const YES_NO = ['да', 'нет'] as const;

/**
 * `Показатели`: example rows in a fresh template, marked `TEMPLATE_EXAMPLE`; none over a real roadmap
 * (`years` are then the roadmap's), whose indicators only the user knows.
 */
function indicatorsTemplate(years: readonly number[], examples: boolean): SheetTemplate {
  const y0 = years[0] ?? 0;
  const example = (name: string): string => `${name} ${TEMPLATE_EXAMPLE}`;
  return {
    name: SHEETS.indicators,
    header: [
      '№ мероприятия',
      'Показатель',
      'Ед. изм.',
      'Плановое значение',
      ...years.map(String),
      `Факт ${y0}`,
      'Источник',
      'Подсчёт факта',
    ],
    notes: [
      'Номер мероприятия, к которому относится показатель (как в столбце «ID» листа «Дорожная карта»): отчёты школ по этому мероприятию дают факт. Можно вместо номера добавить столбец «Мероприятие» с его названием.',
      'Название показателя. Если плановых значений нет, план берётся из формулировки («в 100% ПРШ … до 2023 года»).',
      'Единица измерения: %, шт., чел. …',
      'Плановое значение на весь период: «не менее 3», «не более 5%», «до 15%», «100%». «Не более» и «до» — чем меньше, тем лучше.',
      ...years.map((y, i) =>
        i === 0
          ? `План на ${y} год. Столбцы лет можно добавлять и переименовывать: «2021», «2021 г.».`
          : `План на ${y} год.`,
      ),
      `Факт за ${y0} год, если он известен не из отчётов школ; вписанный факт важнее отчётов. Можно добавить «Факт ${y0 + 1}» и т. д.`,
      'Откуда берутся данные: отчёты школ, мониторинг, приказ.',
      'Как складывать факты школ: «сумма» (количества), «среднее» (проценты), «последнее» (наличие, да/нет). Пусто — по единице измерения.',
    ],
    rows: examples
      ? [
          [
            '1.1',
            example('Количество школ для адресного сопровождения и помощи'),
            'шт.',
            '10',
            '10',
            '10',
            '10',
            '',
            'приказ УО',
            FACT_RULE_NAMES.sum,
          ],
          [
            '1.2',
            example('Доля школ, прошедших оценку оснащения'),
            '%',
            '100%',
            '100%',
            '',
            '',
            '',
            'отчёты школ',
            FACT_RULE_NAMES.mean,
          ],
          [
            '1.3',
            example('Количество семинаров-практикумов'),
            'шт.',
            'не менее 6',
            '2',
            '2',
            '2',
            '',
            'отчёты школ',
            FACT_RULE_NAMES.sum,
          ],
        ]
      : [],
    widths: [100, 320, 80, 130, ...years.map(() => 80), 90, 140, 110],
    dropdowns: [
      {
        column: 4 + years.length + 3,
        values: Object.values(FACT_RULE_NAMES),
        help: 'сумма, среднее или последнее',
      },
    ],
    plainText: true,
  };
}

function templates(year: number, roadmapYears?: readonly number[]): SheetTemplate[] {
  const factorCodes = DEFAULT_FACTORS.map((f) => f.code);
  const questionRows = defaultQuestionnaireRows();
  const questionsHeaderRow = questionRows.findIndex((r) => r[0] === QUESTIONS_HEADER[0]) + 2;
  const questions = questionRows.slice(questionsHeaderRow - 1).map((r) => String(r[0]));
  const anketaEnd = questionRows.length + 1;
  const y0 = year;
  const weekdayRow = Object.keys(SETTING_KEYS).indexOf('summaryWeekday') + 2;
  return [
    {
      name: SHEETS.activities,
      header: [
        '№ п/п',
        'Мероприятие',
        'Срок',
        'Ответственные',
        'Ожидаемый результат',
        'Показатель',
        'Плановое значение',
        'Фактор риска',
      ],
      notes: [
        'Номер мероприятия: «1», «1.2», «2.4.3». Строка раздела — номер и название без остальных граф («1. Организационные мероприятия»).',
        'Что делается. Перенос строки внутри ячейки допустим.',
        'Срок словами, как в документе: «до 01.09.2021», «октябрь 2021 г.», «ежеквартально», «в течение 2021–2023 гг.», «постоянно».',
        'Кто отвечает: коды или имена через запятую («УО, ММЦ, ОО», «Лаврентьева С.А.»). Адреса почты — на листе «Ответственные».',
        'Результат выполнения: документ, событие, изменение.',
        'Чем измеряется результат (необязательно). Показатели с планом по годам удобнее вести на листе «Показатели».',
        'Плановое значение показателя: «не менее 3», «100%», «до 15%», «1,5».',
        'Код фактора риска из листа «Анкета» (R01…R10), если мероприятие направлено на него; можно несколько через запятую.',
      ],
      rows: [
        [
          '1.1',
          'Отбор ШНОР и ШНСУ для адресного сопровождения',
          `январь ${y0} г.`,
          'УО, ММЦ',
          'Перечень школ для адресного сопровождения и помощи',
          'Количество школ для адресного сопровождения и помощи',
          '10',
          'R06',
        ],
        [
          '1.2',
          'Проведение оценки материально-технического оснащения (по методике ФИОКО)',
          `октябрь ${y0} г.`,
          'МОУО',
          'Создана единая информационная база о материально-техническом оснащении',
          'Доля школ, прошедших оценку оснащения',
          '100%',
          'R01',
        ],
        [
          '1.3',
          'Серия педагогических советов и семинаров-практикумов в школах – участницах проекта по развитию профессиональных компетентностей педагогов',
          'ежеквартально',
          'ММЦ, ОО',
          'Оргпроекты мероприятий',
          'Количество семинаров-практикумов',
          'не менее 6',
          'R03',
        ],
      ],
      widths: [70, 360, 160, 160, 260, 220, 120, 110],
      dropdowns: [
        {
          column: 8,
          values: factorCodes,
          help: 'Код фактора риска из листа «Анкета»; можно несколько через запятую.',
          allowInvalid: true,
        },
      ],
      plainText: true,
    },
    indicatorsTemplate(roadmapYears ?? [year, year + 1, year + 2], !roadmapYears),
    {
      name: SHEETS.responsible,
      header: [...RESPONSIBLE_HEADER],
      notes: [
        'Код или имя, как оно написано в графе «Ответственные» листа «Мероприятия»: «УО», «ММЦ», «Лаврентьева С.А.».',
        'Полное наименование организации или ФИО — для писем.',
        'Адрес электронной почты для напоминаний. Пример ниже замените настоящим.',
        'Роль (необязательно): исполнитель; «координатор» получает ещё письма о давно просроченном и недельную сводку, как «Координаторы» из «Настройки»; «куратор» — недельную сводку.',
      ],
      rows: [
        ['УО', 'Управление образования (пример)', 'uo@example.com', 'исполнитель'],
        ['ММЦ', 'Муниципальный методический центр (пример)', 'mmc@example.com', 'исполнитель'],
        ['МОУО', 'Муниципальный орган управления образованием (пример)', 'mouo@example.com', 'координатор'],
      ],
      widths: [140, 300, 220, 140],
      dropdowns: [],
      plainText: true,
    },
    {
      name: SHEETS.schools,
      header: [...SCHOOLS_HEADER],
      notes: [
        'Короткий код школы без пробелов: под ним школа отчитывается и видна в профилях.',
        'Полное наименование, как в уставе.',
        'Краткое наименование, как школу называют в ответах анкет.',
        'Адреса тех, кто может отправлять отчёты за школу (через запятую).',
        'Адрес куратора школы.',
      ],
      rows: [
        [
          'ЧСШ',
          'МБОУ «Чистовская средняя школа» (пример)',
          'Чистовская СШ',
          'chistovo@example.com',
          'curator@example.com',
        ],
        [
          'ОСШ',
          'МБОУ «Оконешниковская средняя школа» (пример)',
          'Оконешниковская СШ',
          'okoneshnikovo@example.com',
          'curator@example.com',
        ],
      ],
      widths: [90, 320, 200, 260, 200],
      dropdowns: [],
      plainText: true,
    },
    {
      name: SHEETS.responses,
      header: ['Отметка времени', 'Школа', 'Роль', ...questions],
      notes: [
        'Когда дан ответ. Google Формы заполняют этот лист сами: подключите форму к таблице и назовите лист «Ответы».',
        'Школа респондента: код, полное или краткое наименование из листа «Школы».',
        `Кто отвечает: ${ROLES.join(', ')}.`,
        ...questions.map((q) => `Ответ на вопрос «${q}». Шкала и фактор риска вопроса — на листе «Анкета».`),
      ],
      rows: [],
      widths: [140, 200, 110, 220],
      dropdowns: [{ column: 3, values: ROLES, help: ROLES.join(', ') }],
      plainText: false,
    },
    {
      name: SHEETS.questionnaire,
      header: questionnaireHeader,
      notes: questionnaireHeaderNotes,
      rows: questionRows,
      widths: [420, 110, 170, 160, 60, 110],
      dropdowns: [
        {
          column: 2,
          values: factorCodes,
          help: 'Код фактора из блока «Факторы» выше',
          rows: [questionsHeaderRow + 1, anketaEnd],
          allowInvalid: true,
        },
        {
          column: 6,
          values: YES_NO,
          help: 'да — высокий ответ означает низкий риск',
          rows: [questionsHeaderRow + 1, anketaEnd],
        },
      ],
      boldRows: questionnaireHeaderRows(),
      plainText: true,
    },
    {
      name: SHEETS.settings,
      header: ['Параметр', 'Значение', 'Пояснение'],
      notes: [
        'Название параметра; не меняйте его.',
        'Значение параметра; его можно менять.',
        'Что означает параметр.',
      ],
      rows: settingsRows(defaultSettings(year)),
      widths: [260, 200, 520],
      dropdowns: [{ column: 2, values: WEEKDAYS_RU, help: 'день недели', rows: [weekdayRow, weekdayRow] }],
      plainText: true,
    },
    {
      name: SHEETS.reports,
      header: [...REPORTS_HEADER],
      notes: [
        'Лист заполняет боковая панель «Отчёт школы»; сюда можно вписать и отчёт, полученный иначе. Время отчёта.',
        'Кто отправил отчёт (почта).',
        'Код школы из листа «Школы».',
        'ID мероприятия из листа «Дорожная карта».',
        'Период для регулярных мероприятий: «2021-03», «2021-Q1», «2021»; пусто — для разовых.',
        `Статус: ${REPORT_STATUSES.join(', ')}.`,
        'Фактическое значение показателя мероприятия: «3», «85%», «да».',
        'Комментарий школы.',
        'Ссылка на подтверждающий документ.',
        'Служебный ключ против двойной отправки; при ручном вводе оставьте пустым.',
      ],
      rows: [],
      widths: [140, 200, 90, 110, 90, 150, 90, 300, 220, 120],
      dropdowns: [{ column: 6, values: REPORT_STATUSES, help: REPORT_STATUSES.join(', ') }],
      plainText: false,
    },
  ];
}

/** Writes one template into an empty sheet: a constant number of calls, one setValues. */
function writeTemplate(svc: Services, sheet: SheetPort, t: SheetTemplate): void {
  const width = Math.max(t.header.length, ...t.rows.map((r) => r.length));
  const grid = [t.header, ...t.rows].map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
  // A new sheet has 26 columns; «Ответы» needs one per question.
  ensureSize(sheet, grid.length, width);
  const maxRows = sheet.getMaxRows();
  // Plain text before the values: Sheets would otherwise turn «1.1» into a number and «01.09.2021» into a date.
  if (t.plainText) sheet.getRange(1, 1, maxRows, width).setNumberFormat('@');
  sheet.getRange(1, 1, grid.length, width).setValues(grid);
  const header = sheet.getRange(1, 1, 1, width);
  header.setFontWeight('bold');
  header.setNotes([Array.from({ length: width }, (_, i) => t.notes[i] ?? null)]);
  header.setWrap(true);
  for (const r of t.boldRows ?? []) if (r > 1) sheet.getRange(r, 1, 1, width).setFontWeight('bold');
  sheet.setFrozenRows(1);
  for (let c = 1; c <= width; c++) sheet.setColumnWidth(c, t.widths[Math.min(c, t.widths.length) - 1] ?? 120);
  for (const d of t.dropdowns) {
    const [from, to] = d.rows ?? [2, maxRows];
    const rule = svc.spreadsheetApp
      .newDataValidation()
      .requireValueInList([...d.values], true)
      .setAllowInvalid(d.allowInvalid ?? false)
      .setHelpText(d.help)
      .build();
    sheet.getRange(from, d.column, to - from + 1, 1).setDataValidation(rule);
  }
}

/** The years of the roadmap already on `Мероприятия` (at most 10), or undefined when there is none yet. */
function roadmapYears(svc: Services): number[] | undefined {
  const sheet = svc.spreadsheetApp.getActiveSpreadsheet().getSheetByName(SHEETS.activities);
  if (!sheet || sheet.getLastRow() === 0) return undefined;
  let start: number;
  let end: number;
  try {
    const { roadmap } = loadRoadmap(svc);
    [start, end] = [Number(roadmap.periodStart.slice(0, 4)), Number(roadmap.periodEnd.slice(0, 4))];
  } catch (e) {
    // A roadmap the reader refuses is validateRoadmap's to explain; the template still gets its sheets.
    if (!isUserError(e)) throw e;
    start = end = Number(
      dateInZone(svc.now(), svc.spreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone()).slice(0, 4),
    );
  }
  return Array.from({ length: Math.min(10, Math.max(1, end - start + 1)) }, (_, i) => start + i);
}

/**
 * Adds every user sheet that is missing, and fills every one that exists but is empty, with its header
 * (bold, frozen, a note on each column), dropdowns, column widths and example rows. A sheet that holds
 * anything is left exactly as it is, so running it again changes nothing.
 */
export function createTemplate(svc: Services): JobResult {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const year = Number(dateInZone(svc.now(), ss.getSpreadsheetTimeZone()).slice(0, 4));
  const years = roadmapYears(svc);
  const created: string[] = [];
  const filled: string[] = [];
  const kept: string[] = [];
  let examples = false;
  for (const t of templates(year, years)) {
    let sheet = ss.getSheetByName(t.name);
    if (sheet && sheet.getLastRow() > 0) {
      kept.push(t.name);
      continue;
    }
    examples ||= t.rows.length > 0;
    if (sheet) filled.push(t.name);
    else {
      sheet = ss.insertSheet(t.name, ss.getSheets().length);
      created.push(t.name);
    }
    writeTemplate(svc, sheet, t);
  }
  const list = (xs: string[]): string => xs.map((x) => `«${x}»`).join(', ');
  if (created.length + filled.length === 0) {
    return done(`Все листы уже есть и заполнены — ничего не изменено (${list(kept)}).`);
  }
  const parts = [
    created.length ? `Созданы листы: ${list(created)}.` : '',
    filled.length ? `Заполнены пустые листы: ${list(filled)}.` : '',
    kept.length ? `Не тронуты (в них есть данные): ${list(kept)}.` : '',
  ];
  appendJournal(svc, [
    {
      job: 'createTemplate',
      event: 'Шаблон листов',
      details: [...created, ...filled].join(', '),
      status: 'готово',
    },
  ]);
  const noExamples =
    years && [...created, ...filled].includes(SHEETS.indicators)
      ? ` Лист «${SHEETS.indicators}» оставлен без примеров: впишите показатели своей дорожной карты — номер мероприятия, показатель, план по годам (пояснения — в заметках к заголовкам).`
      : '';
  return done(
    `${parts.filter((p) => p !== '').join(' ')}${examples ? ' Примеры в строках замените своими данными.' : ''}${noExamples}`,
  );
}
