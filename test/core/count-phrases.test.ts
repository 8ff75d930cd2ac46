/**
 * Every text the product writes (emails, messages, sheets, the sidebar) is scanned with the TypeScript
 * compiler for a number followed by a Russian word; each count must go through core/plural.ts, and each
 * noun it counts is rendered with 1, 2, 5, 11, 21 and 22 against forms written out here by hand.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { count, NOUNS, plural, type NounForms } from '../../src/core/plural';

const ROOT = join(__dirname, '..', '..');
const SAMPLES = [1, 2, 5, 11, 21, 22];

/** Words that may follow a bare number: prepositions and conjunctions, and years («2021 год», «2021 г.»). */
const AFTER_NUMBER = new Set([
  'из',
  'и',
  'по',
  'в',
  'на',
  'до',
  'с',
  'или',
  'не',
  'нет',
  'год',
  'года',
  'году',
  'годы',
  'г',
  'гг',
  'уч',
  'учебного',
  'нарочно',
]);

/** Each noun the product counts, as it must read after 1, 2, 5, 11, 21 and 22. */
const EXPECTED: Record<string, string[]> = {
  activity: ['мероприятие', 'мероприятия', 'мероприятий', 'мероприятий', 'мероприятие', 'мероприятия'],
  day: ['день', 'дня', 'дней', 'дней', 'день', 'дня'],
  week: ['неделя', 'недели', 'недель', 'недель', 'неделя', 'недели'],
  weekAcc: ['неделю', 'недели', 'недель', 'недель', 'неделю', 'недели'],
  month: ['месяц', 'месяца', 'месяцев', 'месяцев', 'месяц', 'месяца'],
  quarter: ['квартал', 'квартала', 'кварталов', 'кварталов', 'квартал', 'квартала'],
  halfYear: ['полугодие', 'полугодия', 'полугодий', 'полугодий', 'полугодие', 'полугодия'],
  year: ['год', 'года', 'лет', 'лет', 'год', 'года'],
  date: ['дата', 'даты', 'дат', 'дат', 'дата', 'даты'],
  dateAcc: ['дату', 'даты', 'дат', 'дат', 'дату', 'даты'],
  period: ['период', 'периода', 'периодов', 'периодов', 'период', 'периода'],
  times: ['раз', 'раза', 'раз', 'раз', 'раз', 'раза'],
  school: ['школа', 'школы', 'школ', 'школ', 'школа', 'школы'],
  report: ['отчёт', 'отчёта', 'отчётов', 'отчётов', 'отчёт', 'отчёта'],
  highRisk: [
    'высокий риск',
    'высоких риска',
    'высоких рисков',
    'высоких рисков',
    'высокий риск',
    'высоких риска',
  ],
  row: ['строка', 'строки', 'строк', 'строк', 'строка', 'строки'],
  letter: ['письмо', 'письма', 'писем', 'писем', 'письмо', 'письма'],
  minuteAcc: ['минуту', 'минуты', 'минут', 'минут', 'минуту', 'минуты'],
  character: ['символ', 'символа', 'символов', 'символов', 'символ', 'символа'],
  respondentGen: ['ответившего', 'ответивших', 'ответивших', 'ответивших', 'ответившего', 'ответивших'],
  'не подходит|не подходят|не подходят': [
    'не подходит',
    'не подходят',
    'не подходят',
    'не подходят',
    'не подходит',
    'не подходят',
  ],
  answer: ['ответ', 'ответа', 'ответов', 'ответов', 'ответ', 'ответа'],
  cell: ['ячейка', 'ячейки', 'ячеек', 'ячеек', 'ячейка', 'ячейки'],
  link: ['ссылка', 'ссылки', 'ссылок', 'ссылок', 'ссылка', 'ссылки'],
  // Verbs and adjectives written as literal triples next to a count.
  'остался|осталось|осталось': ['остался', 'осталось', 'осталось', 'осталось', 'остался', 'осталось'],
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** One program per runtime (the sidebar has its own config), so every expression has its real type. */
function programs(): ts.Program[] {
  const load = (configPath: string, dirs: string[]): ts.Program => {
    const config = ts.getParsedCommandLineOfConfigFile(
      configPath,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
        },
      },
    );
    if (!config) throw new Error(`cannot read ${configPath}`);
    return ts.createProgram(
      dirs.flatMap((d) => tsFiles(join(ROOT, d))),
      config.options,
    );
  };
  return [
    load(join(ROOT, 'tsconfig.json'), ['src/core', 'src/sheets', 'src/gas', 'src/local']),
    load(join(ROOT, 'src/ui/tsconfig.json'), ['src/ui']),
  ];
}

interface Found {
  /** «src/core/digest.ts:120: n дней» for numbers written straight before a word. */
  bare: Set<string>;
  /** NOUNS keys and literal form triples the helper is called with. */
  nouns: Set<string>;
}

function scan(): Found {
  const found: Found = { bare: new Set(), nouns: new Set() };
  for (const program of programs()) {
    const checker = program.getTypeChecker();
    const isNumber = (e: ts.Expression): boolean =>
      (checker.getTypeAtLocation(e).flags & ts.TypeFlags.NumberLike) !== 0;
    for (const file of program.getSourceFiles()) {
      // src/core is in both programs (the sidebar imports it): Sets keep each finding once.
      if (!file.fileName.startsWith(join(ROOT, 'src'))) continue;
      const where = (n: ts.Node): string =>
        `${relative(ROOT, file.fileName)}:${file.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
      const followedByWord = (e: ts.Expression, text: string): void => {
        const word = /^[\s\u00a0]*([а-яё]+)/i.exec(text)?.[1]?.toLowerCase();
        if (word && !AFTER_NUMBER.has(word) && isNumber(e))
          found.bare.add(`${where(e)}: ${e.getText()} ${word}`);
      };
      const visit = (node: ts.Node): void => {
        if (ts.isTemplateExpression(node))
          for (const span of node.templateSpans) followedByWord(span.expression, span.literal.text);
        if (
          ts.isBinaryExpression(node) &&
          node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
          ts.isStringLiteralLike(node.right)
        )
          followedByWord(node.left, node.right.text);
        // Forms come from NOUNS (whichever way they reach the helper) or are written at the call.
        if (ts.isPropertyAccessExpression(node) && node.expression.getText() === 'NOUNS')
          found.nouns.add(node.name.text);
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
          const forms = node.arguments[1];
          if (['count', 'countGenitive', 'plural'].includes(node.expression.text) && forms)
            if (ts.isArrayLiteralExpression(forms))
              found.nouns.add(
                forms.elements.map((x) => (ts.isStringLiteralLike(x) ? x.text : x.getText())).join('|'),
              );
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
  }
  return found;
}

const found = scan();

describe('numerals and nouns in every text template', () => {
  it('finds no number written straight before a noun: every count goes through count()/plural()', () => {
    expect([...found.bare]).toEqual([]);
  });

  it('knows how each counted noun reads after 1, 2, 5, 11, 21, 22', () => {
    expect([...found.nouns].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('«%s» agrees with 1, 2, 5, 11, 21, 22', (key, forms) => {
    const nouns: Record<string, NounForms> = NOUNS;
    const triple = nouns[key] ?? (key.split('|') as unknown as NounForms);
    expect(SAMPLES.map((n) => count(n, triple))).toEqual(SAMPLES.map((n, i) => `${n} ${forms[i]}`));
    expect(SAMPLES.map((n) => plural(n, triple))).toEqual(forms);
  });
});
