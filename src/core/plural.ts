/**
 * Russian numerals and nouns: the one helper every count in emails, messages and sheets goes through
 * («1 мероприятие», «2 мероприятия», «5 мероприятий»), and the nouns that are counted.
 */

/** A noun after 1 (21, 101…), after 2–4 (22…), and after 5–20 (0, 11–14, 25…): «день», «дня», «дней». */
export type NounForms = readonly [one: string, few: string, many: string];

/** The nouns the product counts, in the case a bare numeral takes (nominative / accusative alike). */
export const NOUNS = {
  activity: ['мероприятие', 'мероприятия', 'мероприятий'],
  day: ['день', 'дня', 'дней'],
  week: ['неделя', 'недели', 'недель'],
  /** After «в», «за» (accusative): «1 раз в неделю», «за 21 неделю». */
  weekAcc: ['неделю', 'недели', 'недель'],
  month: ['месяц', 'месяца', 'месяцев'],
  quarter: ['квартал', 'квартала', 'кварталов'],
  halfYear: ['полугодие', 'полугодия', 'полугодий'],
  year: ['год', 'года', 'лет'],
  date: ['дата', 'даты', 'дат'],
  /** After «за» (accusative): «за 21 дату». */
  dateAcc: ['дату', 'даты', 'дат'],
  times: ['раз', 'раза', 'раз'],
  school: ['школа', 'школы', 'школ'],
  report: ['отчёт', 'отчёта', 'отчётов'],
  highRisk: ['высокий риск', 'высоких риска', 'высоких рисков'],
  row: ['строка', 'строки', 'строк'],
  letter: ['письмо', 'письма', 'писем'],
  /** After «через» (accusative): «через 1 минуту». */
  minuteAcc: ['минуту', 'минуты', 'минут'],
  character: ['символ', 'символа', 'символов'],
  period: ['период', 'периода', 'периодов'],
  /** After «меньше» (genitive; an adjective, so 1 takes its own form): «меньше 1 ответившего». */
  respondentGen: ['ответившего', 'ответивших', 'ответивших'],
  answer: ['ответ', 'ответа', 'ответов'],
  cell: ['ячейка', 'ячейки', 'ячеек'],
  link: ['ссылка', 'ссылки', 'ссылок'],
} as const satisfies Record<string, NounForms>;

/** The form of `forms` that agrees with `n`: plural(5, NOUNS.day) → «дней». */
export function plural(n: number, forms: NounForms): string {
  return forms[category(n)];
}

/** 0 after 1, 21…; 1 after 2–4, 22… and fractions («1,5 дня»); 2 after 0, 5–20, 25… */
function category(n: number): 0 | 1 | 2 {
  if (!Number.isInteger(n)) return 1;
  const a = Math.abs(n) % 100;
  const b = a % 10;
  if (a > 10 && a < 20) return 2;
  if (b === 1) return 0;
  if (b >= 2 && b <= 4) return 1;
  return 2;
}

/** «5 дней», «1 день», «22 мероприятия». */
export function count(n: number, forms: NounForms): string {
  return `${n} ${plural(n, forms)}`;
}

/**
 * The genitive a numeral takes after «более», «у», «в течение», «из»: «более 1 дня», «более 5 дней»,
 * «у 21 мероприятия». After 1 (21…) the genitive singular (which is the 2–4 form), else the plural.
 */
export function countGenitive(n: number, forms: NounForms): string {
  return `${n} ${category(n) === 0 ? forms[1] : forms[2]}`;
}

/** «остался 1 день», «осталось 3 дня»: the verb agrees with the numeral too. */
export function daysLeft(n: number): string {
  return `${plural(n, ['остался', 'осталось', 'осталось'])} ${count(n, NOUNS.day)}`;
}
