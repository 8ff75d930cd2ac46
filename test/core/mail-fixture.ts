/** Hand-built activities for mail tests, with titles and responsible cells copied from seed 000. */
import type { ActivityStatus } from '../../src/core/layouts';
import type { Activity, Party } from '../../src/core/roadmap-model';

/** Seed 000 rows 1.1, 1.2, 3.5, 4.7: number, title, responsible cell. */
export const SEED_ROWS: [string, string, string][] = [
  ['1.1', 'Отбор ШНОР и ШНСУ для адресного сопровождения', 'ДО, УО, ММЦ'],
  [
    '1.2',
    'Разработка Программы мониторинга реализации муниципальной программы поддержки ШНОР и ШНСУ',
    'УО, ММЦ',
  ],
  [
    '3.5',
    'Разработка методических рекомендаций для школ, работающих в сложных социальных условиях, по итогам проведения мониторинговых исследований учебных достижений.',
    'ММЦ',
  ],
  [
    '4.7',
    'Организация и проведение семинара для руководителей ШНОР и ШНСУ «Разработка и совершенствование моделей',
    'УО, ММЦ, ОО',
  ],
];

export const EMAILS: Record<string, string> = {
  УО: 'uo@edu.example.ru',
  ММЦ: 'mmc@edu.example.ru',
  ДО: 'do@edu.example.ru',
};

export function parties(cell: string, emails: Record<string, string> = EMAILS): Party[] {
  return cell
    .split(',')
    .map((n) => n.trim())
    .map((name) => (emails[name] ? { name, email: emails[name] } : { name }));
}

export function activity(
  id: string,
  title: string,
  responsibleText: string,
  row: number,
  deadlineText = 'до 01.04.2021',
  emails = EMAILS,
): Activity {
  return {
    id,
    number: id,
    sectionPath: ['Реализация мер, направленных на идентификацию и мониторинг эффективности поддержки школ'],
    title,
    deadlineText,
    deadline: { kind: 'by-date', text: deadlineText, due: ['2021-04-01'], issues: [] },
    responsibleText,
    responsible: parties(responsibleText, emails),
    expectedResult: '',
    indicator: '',
    planned: '1',
    plannedByYear: {},
    riskFactor: '',
    sourceRow: row,
    sourceCell: `B${row}`,
  };
}

export function status(
  s: ActivityStatus['status'],
  daysOverdue = 0,
  due = '2021-04-01',
  missingPeriod = '',
): ActivityStatus {
  return { status: s, daysOverdue, due, missingPeriod, lastReport: '' };
}
