/**
 * Formulas as Sheets holds them and as an .xlsx must store them. A script writes formulas in Sheets'
 * locale-independent (en-US) syntax, commas between arguments, as Excel's file format does too; only links
 * within the book differ: «#'Sheet'!A1» in the file, where Sheets writes «#gid=<sheet id>&range=A1».
 */

/** Calls `f` for each character outside string literals and array constants («{1,2;3,4}»), with its index. */
function eachBare(formula: string, f: (ch: string, i: number) => void): void {
  let quoted = false;
  let braces = 0;
  [...formula].forEach((ch, i) => {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '{') braces++;
    else if (!quoted && ch === '}') braces--;
    else if (!quoted && braces === 0) f(ch, i);
  });
}

/**
 * True when the formula separates arguments with «;»: the Russian UI's spelling, which Sheets' en-US parser
 * rejects in a formula a script writes (the cell shows #ERROR!). Commas and «;» inside text are fine.
 */
export function hasSemicolonSeparator(formula: string): boolean {
  let found = false;
  eachBare(formula, (ch) => {
    if (ch === ';') found = true;
  });
  return found;
}

/** «;» argument separators as «,»: a formula Sheets would reject (already warned about) still gives a file Excel opens. */
function commaSeparators(formula: string): string {
  const chars = [...formula];
  eachBare(formula, (ch, i) => {
    if (ch === ';') chars[i] = ',';
  });
  return chars.join('');
}

const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** The formula for the file (without its «=»), given the sheets' names by id. */
export function toExcelFormula(formula: string, nameOfSheet: (id: number) => string | undefined): string {
  const linked = formula.replace(
    /"#gid=(\d+)&range=([A-Z]+\d+(?::[A-Z]+\d+)?)"/g,
    (whole, id: string, range: string) => {
      const name = nameOfSheet(Number(id));
      return name === undefined ? whole : `"#${quoteSheet(name)}!${range}"`;
    },
  );
  return commaSeparators(linked.replace(/^=/, ''));
}

/** The formula as Sheets holds it (with its «=»), given the sheets' ids by name. */
export function fromExcelFormula(formula: string, idOfSheet: (name: string) => number | undefined): string {
  const linked = formula.replace(
    /"#'((?:[^']|'')+)'!([A-Z]+\d+(?::[A-Z]+\d+)?)"/g,
    (whole, name: string, range: string) => {
      const id = idOfSheet(name.replace(/''/g, "'"));
      return id === undefined ? whole : `"#gid=${id}&range=${range}"`;
    },
  );
  return `=${linked}`;
}
