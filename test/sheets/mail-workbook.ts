/** A small workbook for the mail jobs: seed 000 activities with dated deadlines, addresses, settings. */
import { RESPONSIBLE_HEADER } from '../../src/core/layouts';
import { SHEETS } from '../../src/core/messages';

export const COORDINATOR = 'coord@edu.example.ru';
export const CURATOR = 'curator@edu.example.ru';

/** Seed 000 rows (number, title, responsible cell) with deadlines around «today» = 2021-04-21. */
export const ACTIVITY_ROWS: [string, string, string, string][] = [
  ['1.1', 'Отбор ШНОР и ШНСУ для адресного сопровождения', '01.03.2021', 'ДО, УО, ММЦ'],
  [
    '1.2',
    'Разработка Программы мониторинга реализации муниципальной программы поддержки ШНОР и ШНСУ',
    '25.04.2021',
    'УО, ММЦ',
  ],
  [
    '3.5',
    'Разработка методических рекомендаций для школ, работающих в сложных социальных условиях',
    '18.04.2021',
    'ММЦ',
  ],
  ['4.7', 'Организация и проведение семинара для руководителей ШНОР и ШНСУ', '01.09.2021', 'УО, ММЦ, ОО'],
];

export const ADDRESSES: [string, string, string][] = [
  ['УО', 'Управление образования', 'uo@edu.example.ru'],
  ['ММЦ', 'Муниципальный методический центр', 'mmc@edu.example.ru'],
  ['ДО', 'Департамент образования', 'do@edu.example.ru'],
];

export function settingsSheet(extra: [string, unknown][] = []): unknown[][] {
  return [
    ['Параметр', 'Значение'],
    ['Начало периода', '2021'],
    ['Конец периода', '2021'],
    ['Координаторы', COORDINATOR],
    ['Кураторы', CURATOR],
    ['Дней до срока', 7],
    ['Эскалация после дней просрочки', 14],
    ...extra,
  ];
}

export function mailWorkbook(
  rows: [string, string, string, string][] = ACTIVITY_ROWS,
  addresses: [string, string, string][] = ADDRESSES,
  settings: unknown[][] = settingsSheet(),
): Record<string, unknown[][]> {
  return {
    [SHEETS.activities]: [['№', 'Мероприятие', 'Срок', 'Ответственные'], ...rows],
    [SHEETS.responsible]: [
      [...RESPONSIBLE_HEADER],
      ...addresses.map(([code, name, email]) => [code, name, email, 'исполнитель']),
    ],
    [SHEETS.settings]: settings,
  };
}

/** `activities` overdue activities spread round-robin over `parties` responsible parties «Исполнитель k». */
export function manyPartiesRows(
  activities: number,
  parties = activities,
): { activities: [string, string, string, string][]; addresses: [string, string, string][] } {
  return {
    activities: Array.from({ length: activities }, (_, k) => [
      `${k + 1}`,
      `Мероприятие ${k + 1}`,
      '10.04.2021',
      `Исполнитель ${(k % parties) + 1}`,
    ]),
    addresses: Array.from({ length: parties }, (_, k) => [
      `Исполнитель ${k + 1}`,
      '',
      `p${k + 1}@edu.example.ru`,
    ]),
  };
}

export function manyParties(activities: number, parties: number): Record<string, unknown[][]> {
  const rows = manyPartiesRows(activities, parties);
  return mailWorkbook(rows.activities, rows.addresses);
}
