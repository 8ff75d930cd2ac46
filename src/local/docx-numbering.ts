/**
 * Word's automatic list numbering (`word/numbering.xml`). A table's «№ п/п» column is often a numbered list:
 * the numbers («1.», «1.2.», «II.») are not in the text, Word draws them. They are computed here as Word
 * does: one counter per list and level, deeper levels restarting when a higher one advances.
 */
import type { CheerioAPI } from 'cheerio';

interface Level {
  start: number;
  format: string;
  /** «%1.%2.»: the label, with %n standing for the counter of level n. */
  text: string;
}

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

function roman(n: number): string {
  let s = '';
  let rest = n;
  for (const [v, r] of ROMAN)
    while (rest >= v) {
      s += r;
      rest -= v;
    }
  return s;
}

/** «а, б, в … я, аа»: Russian letters as Word counts them (without ё, й, ъ, ы, ь). */
const RUSSIAN = 'абвгдежзиклмнопрстуфхцчшщэюя';

function letters(n: number, alphabet: string): string {
  const k = (n - 1) % alphabet.length;
  return (alphabet[k] ?? '').repeat(Math.floor((n - 1) / alphabet.length) + 1);
}

function formatCounter(n: number, format: string): string {
  switch (format) {
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz').toUpperCase();
    case 'lowerLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz');
    case 'russianUpper':
      return letters(n, RUSSIAN).toUpperCase();
    case 'russianLower':
      return letters(n, RUSSIAN);
    case 'decimalZero':
      return String(n).padStart(2, '0');
    default:
      return String(n);
  }
}

export class DocxNumbering {
  /**
   * numId → its levels (from its abstract definition, with start overrides) and the counter it advances: lists
   * of one definition continue one another (Word's «continue numbering») unless one restarts («start at»).
   */
  private readonly lists = new Map<string, { levels: Map<number, Level>; counter: string }>();
  private readonly counters = new Map<string, number[]>();

  constructor($?: CheerioAPI) {
    if (!$) return;
    const abstract = new Map<string, Map<number, Level>>();
    $('w\\:abstractNum').each((_, el) => {
      const levels = new Map<number, Level>();
      $(el)
        .children('w\\:lvl')
        .each((_, lvl) => {
          const at = $(lvl);
          levels.set(Number(at.attr('w:ilvl') ?? 0), {
            start: Number(at.children('w\\:start').attr('w:val') ?? 1),
            format: at.children('w\\:numFmt').attr('w:val') ?? 'decimal',
            text: at.children('w\\:lvlText').attr('w:val') ?? '',
          });
        });
      abstract.set($(el).attr('w:abstractNumId') ?? '', levels);
    });
    $('w\\:num').each((_, el) => {
      const num = $(el);
      const numId = num.attr('w:numId') ?? '';
      const abstractId = num.children('w\\:abstractNumId').attr('w:val') ?? '';
      const base = abstract.get(abstractId);
      if (!base) return;
      const levels = new Map(base);
      let restarts = false;
      num.children('w\\:lvlOverride').each((_, o) => {
        const ilvl = Number($(o).attr('w:ilvl') ?? 0);
        const start = $(o).children('w\\:startOverride').attr('w:val');
        const level = levels.get(ilvl);
        if (level && start !== undefined) {
          levels.set(ilvl, { ...level, start: Number(start) });
          restarts = true;
        }
      });
      this.lists.set(numId, { levels, counter: restarts ? `num ${numId}` : `abstract ${abstractId}` });
    });
  }

  /** The label of the next paragraph of list `numId` at level `ilvl` («1.2.»), or '' for bullets and unknown lists. */
  next(numId: string, ilvl: number): string {
    const list = this.lists.get(numId);
    const levels = list?.levels;
    const level = levels?.get(ilvl);
    if (!list || !levels || !level || level.format === 'bullet' || level.format === 'none') return '';
    const counts = this.counters.get(list.counter) ?? [];
    for (let k = 0; k < ilvl; k++) counts[k] ??= levels.get(k)?.start ?? 1;
    counts[ilvl] = counts[ilvl] === undefined ? level.start : counts[ilvl] + 1;
    counts.length = ilvl + 1;
    this.counters.set(list.counter, counts);
    return level.text.replace(/%(\d)/g, (_, d: string) => {
      const k = Number(d) - 1;
      return formatCounter(counts[k] ?? 1, levels.get(k)?.format ?? 'decimal');
    });
  }
}
