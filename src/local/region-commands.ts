/** Command lines of the regional commands: export, rollup, sample-region (each runs in its own module). */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { isoDay, lockWait, positiveInt, required, UsageError } from './cli';
import { refuseMissingFolder } from './workbook-file';

export async function regionCommand(
  name: 'export' | 'rollup' | 'sample-region',
  args: string[],
): Promise<number> {
  switch (name) {
    case 'export': {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: {
          parquet: { type: 'string' },
          csv: { type: 'string' },
          today: { type: 'string' },
          'bigquery-commands': { type: 'boolean' },
          dataset: { type: 'string' },
        },
      });
      if (positionals.length !== 1 || (values.parquet === undefined) === (values.csv === undefined))
        throw new UsageError(
          'Укажите одну книгу и одну папку: roadmap500 export <книга.xlsx> --parquet ПАПКА (или --csv ПАПКА)',
        );
      const today = isoDay(values.today, '--today');
      const dataset = values.dataset ?? 'roadmap500';
      if (!/^\w{1,1024}$/.test(dataset))
        throw new UsageError(
          `--dataset: имя набора данных BigQuery — латинские буквы, цифры и «_», а указано «${dataset}».`,
        );
      const { exportWorkbook } = await import('./export-command');
      return exportWorkbook({
        workbook: resolve(positionals[0] ?? ''),
        dir: resolve(values.parquet ?? values.csv ?? ''),
        format: values.parquet !== undefined ? 'parquet' : 'csv',
        ...(today ? { today } : {}),
        ...(values['bigquery-commands'] ? { bigqueryDataset: dataset } : {}),
      });
    }
    case 'rollup': {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: { out: { type: 'string' }, today: { type: 'string' }, wait: { type: 'string' } },
      });
      if (positionals.length === 0)
        throw new UsageError(
          'Укажите папку с книгами муниципалитетов: roadmap500 rollup <папка> --out <регион.xlsx>',
        );
      const out = resolve(required(values.out, '--out'));
      if (!/\.xlsx$/i.test(out))
        throw new UsageError(`--out: сводка записывается в книгу .xlsx, а указано «${out}».`);
      refuseMissingFolder(out, 'сводки');
      const today = isoDay(values.today, '--today');
      const wait = lockWait(values.wait);
      const { rollupCommand } = await import('./rollup');
      return rollupCommand({
        inputs: positionals.map((p) => resolve(p)),
        out,
        ...(today ? { today } : {}),
        wait,
      });
    }
    case 'sample-region': {
      const { values } = parseArgs({
        args,
        strict: true,
        options: {
          municipalities: { type: 'string' },
          out: { type: 'string' },
          seed: { type: 'string' },
          today: { type: 'string' },
        },
      });
      const count = positiveInt(required(values.municipalities, '--municipalities'), '--municipalities') ?? 0;
      if (count < 1) throw new UsageError('--municipalities: нужен хотя бы один муниципалитет.');
      const seed = positiveInt(values.seed, '--seed');
      const today = isoDay(values.today, '--today');
      const { sampleRegion } = await import('./sample-region');
      return sampleRegion({
        municipalities: count,
        dir: resolve(required(values.out, '--out')),
        ...(seed !== undefined ? { seed } : {}),
        ...(today ? { today } : {}),
      });
    }
  }
}
