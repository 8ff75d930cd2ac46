/** Reads `Анкета` (blocks «Факторы» and «Вопросы», see risk-catalog.ts) into factors and questions, with problems at their cells. */
import { a1, cellText, type Grid } from './grid';
import { parseRoles, parseScale } from './likert';
import { MENU_TITLE, SHEETS } from './messages';
import { FACTORS_HEADER, QUESTIONS_HEADER, ROLES, type Question, type RiskFactor } from './risk-catalog';
import type { Problem } from './roadmap-model';

export interface Questionnaire {
  factors: RiskFactor[];
  /** Valid questions only; a question with an error is left out (and reported). */
  questions: Question[];
  problems: Problem[];
}

const low = (v: unknown): string => cellText(v).toLowerCase().replace(/ё/g, 'е');

/** Column of a block header whose title starts with one of the given words, or -1. */
function findColumn(header: readonly unknown[], ...starts: string[]): number {
  return header.findIndex((h) => starts.some((s) => low(h).startsWith(s)));
}

function isFactorsHeader(row: readonly unknown[]): boolean {
  return low(row[0]) === 'код' && row.some((c) => low(c).startsWith('фактор'));
}

function isQuestionsHeader(row: readonly unknown[]): boolean {
  return low(row[0]).startsWith('вопрос') && row.some((c) => low(c).includes('фактор'));
}

/** Splits a keywords cell: keywords by commas, semicolons or lines; stems inside a keyword by spaces. */
function keywordsOf(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((k) => k.trim().toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' '))
    .filter((k) => k !== '');
}

function readReversed(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const t = low(v);
  if (t === '' || t === 'нет' || t === '0' || t === 'false') return false;
  if (t === 'да' || t === '1' || t === 'true' || t === 'обратная') return true;
  return undefined;
}

/**
 * Reads `Анкета`. Block «Факторы» starts at a row «Код | Фактор | Ключевые слова», block «Вопросы» at a
 * row starting with «Вопрос»; columns inside each block are found by title, blank rows are skipped.
 * Errors (unknown factor, unreadable scale or roles, repeated code or question) are reported at the
 * cell and leave the row out; an unreadable weight or reversal mark is a warning and takes the default.
 */
export function readQuestionnaire(grid: Grid): Questionnaire {
  const problems: Problem[] = [];
  const factors: RiskFactor[] = [];
  const questions: Question[] = [];
  const problem = (
    severity: Problem['severity'],
    row: number,
    col: number,
    message: string,
    fix: string,
  ): void => {
    problems.push({ severity, sheet: SHEETS.questionnaire, cell: a1(row + 1, col + 1), message, fix });
  };

  let block: 'none' | 'factors' | 'questions' = 'none';
  let fc = { code: 0, name: 1, keywords: 2 };
  let qc = { question: 0, factor: 1, roles: 2, scale: 3, weight: 4, reversed: 5 };
  const questionRows: { row: readonly unknown[]; r: number }[] = [];
  let sawFactors = false;
  let sawQuestions = false;

  grid.forEach((row, r) => {
    if (isFactorsHeader(row)) {
      block = 'factors';
      sawFactors = true;
      fc = { code: 0, name: findColumn(row, 'фактор'), keywords: findColumn(row, 'ключев') };
      return;
    }
    if (isQuestionsHeader(row)) {
      block = 'questions';
      sawQuestions = true;
      qc = {
        question: 0,
        factor: findColumn(row, 'код фактора', 'фактор'),
        roles: findColumn(row, 'рол'),
        scale: findColumn(row, 'шкала'),
        weight: findColumn(row, 'вес'),
        reversed: findColumn(row, 'обратн'),
      };
      return;
    }
    if (row.every((c) => cellText(c) === '')) return;
    if (block === 'factors') {
      const code = cellText(row[fc.code]);
      if (code === '') return;
      if (factors.some((f) => f.code.toLowerCase() === code.toLowerCase())) {
        problem(
          'ошибка',
          r,
          fc.code,
          `Код фактора «${code}» уже встречается выше.`,
          'Дайте каждому фактору свой код.',
        );
        return;
      }
      const name = fc.name >= 0 ? cellText(row[fc.name]) : '';
      factors.push({
        code,
        name: name || code,
        keywords: fc.keywords >= 0 ? keywordsOf(cellText(row[fc.keywords])) : [],
      });
    } else if (block === 'questions') {
      questionRows.push({ row, r });
    }
  });

  if (!sawFactors) {
    problem(
      'ошибка',
      0,
      0,
      `На листе «${SHEETS.questionnaire}» нет блока факторов: строки с заголовками «${FACTORS_HEADER.join(' | ')}».`,
      `Выполните «${MENU_TITLE} → Создать шаблон листов» или добавьте эту строку заголовков над списком факторов.`,
    );
  }
  if (!sawQuestions) {
    problem(
      'ошибка',
      0,
      0,
      `На листе «${SHEETS.questionnaire}» нет блока вопросов: строки с заголовками «${QUESTIONS_HEADER.join(' | ')}».`,
      `Выполните «${MENU_TITLE} → Создать шаблон листов» или добавьте эту строку заголовков над списком вопросов.`,
    );
  }

  const codes = new Map(factors.map((f) => [f.code.toLowerCase(), f.code]));
  const seen = new Map<string, number>();
  for (const { row, r } of questionRows) {
    const header = cellText(row[qc.question]).replace(/\s+/g, ' ');
    if (header === '') continue;
    const key = header.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      problem(
        'ошибка',
        r,
        qc.question,
        `Вопрос «${header}» уже описан в строке ${first}.`,
        'Оставьте одну строку на каждый столбец листа «Ответы».',
      );
      continue;
    }
    seen.set(key, r + 1);
    const factorText = qc.factor >= 0 ? cellText(row[qc.factor]) : '';
    const factor = codes.get(factorText.toLowerCase());
    if (!factor) {
      problem(
        'ошибка',
        r,
        Math.max(qc.factor, 0),
        factorText
          ? `Фактора «${factorText}» нет в блоке факторов.`
          : `У вопроса «${header}» не указан код фактора.`,
        `Укажите один из кодов: ${factors.map((f) => f.code).join(', ') || '(сначала заполните блок факторов)'}.`,
      );
      continue;
    }
    const rolesText = qc.roles >= 0 ? cellText(row[qc.roles]) : '';
    const { roles, unknown } = parseRoles(rolesText);
    if (unknown.length > 0 || roles.length === 0) {
      problem(
        'ошибка',
        r,
        qc.roles,
        `Не удалось прочитать роли «${unknown.join(', ') || rolesText}».`,
        `Укажите через запятую: ${ROLES.join(', ')}; пустая ячейка — все роли.`,
      );
      continue;
    }
    const scaleCell = qc.scale >= 0 ? cellText(row[qc.scale]) : '';
    const scale = parseScale(scaleCell);
    if (!scale) {
      problem(
        'ошибка',
        r,
        qc.scale,
        `Не удалось прочитать шкалу «${scaleCell}».`,
        'Напишите диапазон «1–5», «да/нет» или варианты с баллами через точку с запятой: «Никогда=0; Редко=1; Часто=2».',
      );
      continue;
    }
    let weight = 1;
    const weightCell = qc.weight >= 0 ? row[qc.weight] : '';
    if (cellText(weightCell) !== '') {
      const w = typeof weightCell === 'number' ? weightCell : Number(cellText(weightCell).replace(',', '.'));
      if (Number.isFinite(w) && w > 0) weight = w;
      else
        problem(
          'предупреждение',
          r,
          qc.weight,
          `Вес «${cellText(weightCell)}» не положительное число.`,
          'Укажите число больше нуля, например 1 или 0,5. Пока вес равен 1.',
        );
    }
    let reversed = false;
    if (qc.reversed >= 0) {
      const rev = readReversed(row[qc.reversed]);
      if (rev === undefined) {
        problem(
          'предупреждение',
          r,
          qc.reversed,
          `Не понятно, обратная ли шкала: «${cellText(row[qc.reversed])}».`,
          'Напишите «да» или «нет». Пока шкала считается прямой.',
        );
      } else reversed = rev;
    }
    questions.push({ header, factor, roles, scale, weight, reversed, row: r + 1 });
  }
  return { factors, questions, problems };
}
