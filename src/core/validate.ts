/**
 * The checks a coordinator needs on a read roadmap: missing deadline, responsible or expected result,
 * unreadable or invalid deadlines, deadlines outside the roadmap period, unknown responsible parties,
 * planned values that are not numbers, duplicate numbers and duplicate activities within a section.
 */
import type { IsoDate } from './dates';
import type { Deadline } from './deadline-types';
import { formatRu } from './dates';
import { parseIndicatorValue } from './indicator-value';
import { memo } from './memo';
import { count, NOUNS } from './plural';
import type { ResponsibleDirectory } from './responsible';
import { FILL_SCHOOLS, SHEETS } from './messages';
import type { ReadActivity } from './roadmap-reader';
import type { Problem, Severity } from './roadmap-model';
import { isSchoolParty, reachedThroughSchools, type School } from './schools';

export interface CheckContext {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  directory: ResponsibleDirectory;
  /** The schools of `Школы`: they reach a party meaning all schools («ОО») through their reporters. */
  schools: readonly School[];
}

const DEADLINE_FIX =
  'Запишите срок словами или датой, например: «до 01.04.2021», «апрель 2022 г.», «3 квартал», «ежеквартально», «постоянно», «по графику ИРО».';

// The one warning a deadline phrase carries is a date written twice (deadline.ts «several»).
const REPEATED_DATE_FIX =
  'Если в ячейке два мероприятия, разнесите их по отдельным строкам, каждое со своим сроком; иначе удалите повтор.';

/** A parser issue as a sentence that names the phrase: «Срок «31.02.2021»: дата 31.02.2021 не существует.» */
function deadlineIssueMessage(text: string, message: string): string {
  const phrase = text.trim().replace(/\s+/g, ' ');
  const sentence = message.includes(`«${phrase}»`)
    ? message
    : `Срок «${short(phrase)}»: ${message.charAt(0).toLowerCase()}${message.slice(1)}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * A date of the deadline that lies outside the roadmap period, or undefined. A deadline that began
 * before the period and runs into it («октябрь 2020 – июнь 2021», «с ноября 2020 г. постоянно» in a
 * 2021–2023 roadmap) is no mistake; only a due date, an end, or a start after the period's end is.
 */
function outsidePeriod(d: Deadline, ctx: CheckContext): IsoDate | undefined {
  const late = (x: IsoDate | undefined): boolean => x !== undefined && x > ctx.periodEnd;
  const outside = (x: IsoDate | undefined): boolean => x !== undefined && (x < ctx.periodStart || late(x));
  return d.due.find(outside) ?? (outside(d.end) ? d.end : late(d.start) ? d.start : undefined);
}

/** Kinds whose dates the parser takes from the roadmap's first year when the phrase gives none. */
const DATED_KINDS = new Set<Deadline['kind']>([
  'date',
  'by-date',
  'month',
  'month-range',
  'several',
  'quarter',
  'half-year',
]);
const HAS_YEAR = /(^|\D)(19|20)\d\d(\D|$)|\d\.\d{1,2}\.\d\d(\D|$)/;

/**
 * One warning for the dated deadlines without a year («апрель», «май - декабрь») in a roadmap of several
 * years: they fall in its first year, so every later year they count as overdue (seed 002, 2023–2025).
 */
function yearlessDeadlines(activities: readonly ReadActivity[], ctx: CheckContext): Problem | undefined {
  const first = ctx.periodStart.slice(0, 4);
  const last = ctx.periodEnd.slice(0, 4);
  if (first === last) return undefined;
  const found = activities.filter(
    (a) =>
      a.cells.deadline !== undefined && DATED_KINDS.has(a.deadline.kind) && !HAS_YEAR.test(a.deadline.text),
  );
  const cell = found[0]?.cells.deadline;
  if (cell === undefined) return undefined;
  const examples = [...new Set(found.map((a) => `«${short(a.deadline.text.trim(), 30)}»`))]
    .slice(0, 3)
    .join(', ');
  const n = found.length;
  const one = n % 10 === 1 && n % 100 !== 11;
  return at(
    'предупреждение',
    cell,
    `В ${n} ${one ? 'сроке' : 'сроках'} не указан год (${examples}${n > 3 ? ', …' : ''}): программа отнесла ${n === 1 ? 'его' : 'их'} к ${first} году — первому году дорожной карты ${first}–${last}, и с ${Number(first) + 1} года ${n === 1 ? 'это мероприятие будет считаться просроченным' : 'эти мероприятия будут считаться просроченными'}.`,
    `Если мероприятие повторяется каждый год, напишите «ежегодно в апреле»; если оно проходит один раз — допишите год: «апрель ${Number(first) + 1} г.».`,
  );
}

/** «D4, D5» or, for many, «D4, D5, D8, D9, D10 и ещё 7 ячеек». */
function listCells(cells: readonly string[]): string {
  const shown = cells.slice(0, 5).join(', ');
  return cells.length > 5 ? `${shown} и ещё ${count(cells.length - 5, NOUNS.cell)}` : shown;
}

const at = (severity: Severity, cell: string, message: string, fix: string): Problem => ({
  severity,
  sheet: SHEETS.activities,
  cell,
  message,
  fix,
});

const short = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const titleKey = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[^a-zа-я0-9]+/g, ' ')
    .trim();

/** Every problem of the activities, in sheet order. Linear in the number of activities. */
export function checkActivities(activities: readonly ReadActivity[], ctx: CheckContext): Problem[] {
  const problems: Problem[] = [];
  const titles = new Map<string, ReadActivity>();
  const noDirectory = ctx.directory.isEmpty;
  const planReadable = new Map<string, string | undefined>();
  /** Why a planned value is unreadable, or undefined; each distinct text is parsed once. */
  const planProblem = (value: string): string | undefined => {
    if (!planReadable.has(value)) {
      const parsed = parseIndicatorValue(value);
      planReadable.set(value, parsed.readable ? undefined : parsed.reason);
    }
    return planReadable.get(value);
  };
  let responsibleNamed = false;
  /** Executors without an address, by name: one warning each, at the first cell naming them. */
  const unreachable = new Map<string, { row: number | undefined; cells: string[] }>();
  /** Whether `Школы` reaches the party (each name is checked once). */
  const viaSchools = memo((party: string): boolean => reachedThroughSchools(party, ctx.schools));

  for (const a of activities) {
    const name = a.title === '' ? `№ ${a.number || a.id}` : `«${short(a.title)}»`;
    if (a.title === '') {
      problems.push(
        at(
          'ошибка',
          a.sourceCell,
          `В строке ${a.sourceRow} не указано название мероприятия.`,
          'Впишите, что именно нужно сделать, или удалите пустую строку.',
        ),
      );
    }

    // Deadline: missing, unreadable, invalid, outside the period.
    const deadlineCell = a.cells.deadline ?? Object.values(a.yearCells)[0];
    if (deadlineCell !== undefined) {
      const d = a.deadline;
      if (d.kind === 'empty') {
        problems.push(at('ошибка', deadlineCell, `Не указан срок мероприятия ${name}.`, DEADLINE_FIX));
      } else {
        for (const issue of d.issues)
          problems.push(
            at(
              issue.severity,
              deadlineCell,
              deadlineIssueMessage(d.text, issue.message),
              issue.severity === 'ошибка' ? DEADLINE_FIX : REPEATED_DATE_FIX,
            ),
          );
        if (d.kind === 'unknown' && !d.issues.some((i) => i.severity === 'ошибка')) {
          problems.push(at('ошибка', deadlineCell, `Срок «${d.text}» не удалось распознать.`, DEADLINE_FIX));
        }
        const outside = outsidePeriod(d, ctx);
        if (outside !== undefined) {
          problems.push(
            at(
              'предупреждение',
              deadlineCell,
              `Срок «${d.text}» (${formatRu(outside)}) выходит за период дорожной карты ${formatRu(ctx.periodStart)}–${formatRu(ctx.periodEnd)}.`,
              'Проверьте год в сроке или период дорожной карты на листе «Настройки» («Начало периода», «Конец периода»).',
            ),
          );
        }
      }
    }

    // Responsible: missing, or not found in `Ответственные`.
    if (a.cells.responsible !== undefined) {
      if (a.responsibleText === '') {
        problems.push(
          at(
            'ошибка',
            a.cells.responsible,
            `Не указан ответственный за мероприятие ${name}.`,
            'Впишите исполнителя: орган или организацию («УО», «ММЦ, ОО») или человека («Иванова И.И.»).',
          ),
        );
      } else if (!noDirectory) {
        for (const p of a.responsible) {
          if (p.email || viaSchools(p.name)) continue;
          const seen = unreachable.get(p.name);
          if (seen) seen.cells.push(a.cells.responsible);
          else {
            const entry = ctx.directory.find(p.name);
            // A row with the template's example address has its own warning on «Ответственные».
            if (entry?.example) continue;
            unreachable.set(p.name, { row: entry?.row, cells: [a.cells.responsible] });
          }
        }
      } else if (a.responsible.some((p) => !viaSchools(p.name))) responsibleNamed = true;
    }

    if (a.cells.result !== undefined && a.expectedResult === '') {
      problems.push(
        at(
          'предупреждение',
          a.cells.result,
          `Не указан ожидаемый результат мероприятия ${name}.`,
          'Опишите, чем подтверждается выполнение: документ, событие, значение показателя.',
        ),
      );
    }

    // Planned values: a number, a percentage or «не менее N».
    const planned: [string, string | undefined][] = [
      [a.planned, a.cells.planned],
      ...Object.entries(a.plannedByYear).map(([y, v]): [string, string | undefined] => [v, a.yearCells[y]]),
    ];
    // The same unreadable text in the total and per-year columns is one warning, at its first cell.
    const unreadable = new Map<string, { reason: string; cells: string[] }>();
    for (const [value, cell] of planned) {
      if (value === '' || cell === undefined) continue;
      const reason = planProblem(value);
      if (reason === undefined) continue;
      const seen = unreadable.get(value);
      if (seen) seen.cells.push(cell);
      else unreadable.set(value, { reason, cells: [cell] });
    }
    for (const [value, { reason, cells }] of unreadable) {
      const also = cells.length > 1 ? ` (также в ${cells.slice(1).join(', ')})` : '';
      problems.push(
        at(
          'предупреждение',
          cells[0],
          `Плановое значение «${short(value)}»${also} не число: ${reason}${/[.!?]$/.test(reason) ? '' : '.'}`,
          'Запишите число, процент или «не менее N», например «3», «100%», «не менее 2».',
        ),
      );
    }

    // The same activity twice in a section.
    if (a.title !== '') {
      const key = `${a.sectionKey}|${titleKey(a.title)}`;
      const first = titles.get(key);
      if (first) {
        problems.push(
          at(
            'предупреждение',
            a.sourceCell,
            `Мероприятие ${name} повторяет мероприятие из строки ${first.sourceRow}.`,
            'Удалите повтор или уточните название, чем мероприятия различаются.',
          ),
        );
      } else titles.set(key, a);
    }
  }

  for (const [name, { row, cells }] of unreachable) {
    const also = cells.length > 1 ? ` (также в ${listCells(cells.slice(1))})` : '';
    problems.push(
      row !== undefined
        ? at(
            'предупреждение',
            cells[0],
            `У исполнителя «${name}» на листе «Ответственные» (строка ${row}) нет адреса почты${also}.`,
            isSchoolParty(name, ctx.schools)
              ? `Впишите адрес электронной почты в столбец «Email» листа «Ответственные» или ${FILL_SCHOOLS}.`
              : 'Впишите адрес электронной почты в столбец «Email» листа «Ответственные».',
          )
        : at(
            'предупреждение',
            cells[0],
            `Исполнитель «${name}» не найден на листе «Ответственные»${also}.`,
            isSchoolParty(name, ctx.schools)
              ? `Добавьте его на лист «Ответственные» (код или имя и Email) или ${FILL_SCHOOLS}.`
              : 'Добавьте его на лист «Ответственные» (код или имя и Email) или исправьте написание в ячейках.',
          ),
    );
  }

  const yearless = yearlessDeadlines(activities, ctx);
  if (yearless) problems.push(yearless);

  if (noDirectory && responsibleNamed) {
    problems.push({
      severity: 'предупреждение',
      sheet: SHEETS.responsible,
      cell: 'A1',
      message:
        'На листе «Ответственные» нет ни одного исполнителя (лист пуст, отсутствует или без заголовков «Код или имя» и «Email»): адреса не проверены, напоминания отправлять некому.',
      fix: 'Заполните лист «Ответственные»: «Код или имя», «Полное наименование / ФИО», «Email», «Роль» — по строке на каждого исполнителя.',
    });
  }
  return problems;
}
