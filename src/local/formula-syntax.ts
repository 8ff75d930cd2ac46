/**
 * Formulas as Sheets holds them and as an .xlsx must store them: Excel's file format wants commas between
 * arguments (a «;» makes Excel call the file damaged), and links within the book as «#'Sheet'!A1», where
 * Sheets writes «#gid=<sheet id>&range=A1».
 */

/** Replaces «;» argument separators with «,» outside string literals and array constants («{1,2;3,4}»). */
function commaSeparators(formula: string): string {
  let out = '';
  let quoted = false;
  let braces = 0;
  for (const ch of formula) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '{') braces++;
    else if (!quoted && ch === '}') braces--;
    out += ch === ';' && !quoted && braces === 0 ? ',' : ch;
  }
  return out;
}

const quoteSheet = (name: string): string => `'${name.replace(/'/g, "''")}'`;

/** The formula for the file (without its «=»), given the sheets' names by id. */
export function toExcelFormula(formula: string, nameOfSheet: (id: number) => string | undefined): string {
  const linked = formula.replace(/"#gid=(\d+)&range=([A-Z]+\d+(?::[A-Z]+\d+)?)"/g, (whole, id: string, range: string) => {
    const name = nameOfSheet(Number(id));
    return name === undefined ? whole : `"#${quoteSheet(name)}!${range}"`;
  });
  return commaSeparators(linked.replace(/^=/, ''));
}

/** The formula as Sheets holds it (with its «=»), given the sheets' ids by name. */
export function fromExcelFormula(formula: string, idOfSheet: (name: string) => number | undefined): string {
  const linked = formula.replace(/"#'((?:[^']|'')+)'!([A-Z]+\d+(?::[A-Z]+\d+)?)"/g, (whole, name: string, range: string) => {
    const id = idOfSheet(name.replace(/''/g, "'"));
    return id === undefined ? whole : `"#gid=${id}&range=${range}"`;
  });
  return `=${linked}`;
}
