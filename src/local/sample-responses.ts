/** `roadmap500 sample-responses --schools N --respondents M --out FILE [--seed S]`: a workbook of generated questionnaire responses. */
import ExcelJS from 'exceljs';
import type { Grid } from '../core/grid';
import { SHEETS } from '../core/messages';
import { generateSample } from '../core/sample-responses';
import { commitWorkbook, refuseExisting, refuseMissingFolder } from './workbook-file';

export interface SampleResponsesOptions {
  schools: number;
  respondents: number;
  out: string;
  seed?: number;
  /** Replace an existing `out` (else it is refused with exit 2). */
  force?: boolean;
}

function addSheet(
  wb: ExcelJS.Workbook,
  name: string,
  grid: Grid,
  widths: number[],
  plainText: boolean,
): void {
  const ws = wb.addWorksheet(name);
  for (const row of grid) ws.addRow(row.map((v) => v ?? null));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'dd.mm.yyyy hh:mm:ss';
      // Text stays text when the workbook is opened in Sheets: «1–5» and «R01» are not taken for dates or numbers.
      else if (plainText && typeof cell.value === 'string') cell.numFmt = '@';
    }),
  );
}

/**
 * Writes `Школы`, `Анкета` (the default catalogue and questions) and `Ответы` generated from random latent
 * risks (seed 1 unless given). Returns 0; an existing `out` is refused unless `force` (WorkbookError), and replaced atomically.
 */
export async function sampleResponses(opts: SampleResponsesOptions): Promise<number> {
  refuseMissingFolder(opts.out, 'книги');
  refuseExisting(opts.out, opts.force);
  const data = generateSample({ schools: opts.schools, respondents: opts.respondents, seed: opts.seed ?? 1 });
  const wb = new ExcelJS.Workbook();
  addSheet(wb, SHEETS.schools, data.schools, [10, 60, 32, 28, 24], true);
  addSheet(wb, SHEETS.questionnaire, data.questionnaire, [70, 14, 24, 30, 8, 14], true);
  addSheet(
    wb,
    SHEETS.responses,
    data.responses,
    [20, 36, 22, ...(data.responses[0]?.slice(3).map(() => 24) ?? [])],
    false,
  );
  await commitWorkbook(opts.out, new Uint8Array(await wb.xlsx.writeBuffer()));
  process.stdout.write(
    `Записано в «${opts.out}»: школ ${opts.schools}, ответов ${data.responses.length - 1} ` +
      `(из них ${data.unmatchedRows.length} нарочно без школы или роли), вопросов ${(data.responses[0]?.length ?? 3) - 3}.\n`,
  );
  return 0;
}
