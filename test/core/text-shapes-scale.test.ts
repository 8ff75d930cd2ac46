/** The text-shape reader on long copies: its work grows with the text, not with its square. */
import type * as Reader from '../../src/core/roadmap-reader';
import type * as Shapes from '../../src/core/text-shapes';

const READER = '../../src/core/roadmap-reader';
let textLines: typeof Shapes.textLines;
/** What the shape reader hands to the header vocabulary (the roadmap reader's own calls are not counted). */
let classifyHeader: jest.Mock<ReturnType<typeof Reader.classifyHeader>, [string]>;

beforeAll(async () => {
  jest.resetModules();
  jest.doMock(READER, () => {
    const actual = jest.requireActual<typeof Reader>(READER);
    classifyHeader = jest.fn(actual.classifyHeader);
    return { ...actual, classifyHeader };
  });
  ({ textLines } = await import('../../src/core/text-shapes'));
});

/** Characters compared with header words for a roadmap of `n` sections of 10 rows, one cell per line, no blank lines. */
function headerWork(n: number): number {
  const lines = [
    'План мероприятий на 2024 год',
    '№ п/п',
    'Мероприятие',
    'Срок',
    'Ответственные',
    'Результат',
  ];
  for (let s = 1; s <= n; s++) {
    lines.push(`${s}. Раздел ${s}`);
    for (let r = 1; r <= 10; r++) lines.push(`${s}.${r}`, 'Семинар', 'май 2024 г.', 'ММЦ', 'Протокол');
  }
  classifyHeader.mockClear();
  const rows = textLines(lines.join('\n')).filter((l) => l.tabbed);
  expect(rows).toHaveLength(1 + 11 * n);
  return classifyHeader.mock.calls.reduce((sum, [text]) => sum + text.length, 0);
}

it('reads a copy without blank lines in work proportional to its length: 10× the rows, under 12× the text compared with header words', () => {
  expect(headerWork(100)).toBeLessThan(12 * headerWork(10));
});
