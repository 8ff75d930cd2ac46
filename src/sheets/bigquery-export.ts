/**
 * exportToBigQuery (regional deployment, off until «Проект BigQuery» and «Набор данных BigQuery» are
 * filled in `Настройки`): reads every municipality of «Муниципалитеты» with the jobs' own code and
 * replaces each table of the model in BigQuery with their rows (one load job per table, WRITE_TRUNCATE).
 * A whole replacement is only honest with every municipality read, so a run that could not read one of
 * them, or ran out of time, loads nothing.
 */
import { bigquerySchema, tableCsv, type BigQueryField } from '../core/bigquery-load';
import { concatTables, TABLE_NAMES, type DataTables } from '../core/data-model';
import { messageOf, UserError } from '../core/errors';
import { a1, cellText, type Grid } from '../core/grid';
import { SETTINGS_SHEET } from '../core/settings';
import { dataErrors, done, type JobResult } from './job';
import { appendJournal, type JournalEntry } from './journal';
import {
  MUNICIPALITIES_SHEET,
  readEachMunicipality,
  readMunicipalities,
  type MunicipalityPass,
  type SpreadsheetOpenerPort,
} from './municipalities';
import type { Services } from './ports';
import { startBudget } from './resumable';
import { settingsGrid, settingsOf } from './settings-source';

export const BIGQUERY_JOB = 'exportToBigQuery';
export const BIGQUERY_PROJECT_SETTING = 'Проект BigQuery';
export const BIGQUERY_DATASET_SETTING = 'Набор данных BigQuery';

/** The part of a BigQuery job resource (v2) a CSV load sets. */
export interface BigQueryLoadJob {
  configuration: {
    load: {
      destinationTable: { projectId: string; datasetId: string; tableId: string };
      schema: { fields: BigQueryField[] };
      sourceFormat: 'CSV';
      skipLeadingRows: number;
      allowQuotedNewlines: boolean;
      createDisposition: 'CREATE_IF_NEEDED';
      writeDisposition: 'WRITE_TRUNCATE';
    };
  };
}

/** What the job needs of BigQuery: start a load job with the CSV as its data (Apps Script: BigQuery.Jobs.insert). */
export interface BigQueryPort {
  insertLoadJob(projectId: string, job: BigQueryLoadJob, csv: string): { jobId: string };
}

export interface BigQueryTarget {
  projectId: string;
  datasetId: string;
}

const HOW_TO_FILL =
  `Впишите в лист «${SETTINGS_SHEET}» две строки (название в первом столбце, значение во втором): ` +
  `«${BIGQUERY_PROJECT_SETTING}» — идентификатор проекта Google Cloud, например my-region-edu, и ` +
  `«${BIGQUERY_DATASET_SETTING}» — имя уже созданного в нём набора данных, например roadmap500.`;

/** «Проект BigQuery» and «Набор данных BigQuery» of `Настройки`; a UserError while either is empty or malformed. */
export function readBigQueryTarget(settings: Grid): BigQueryTarget {
  const find = (name: string): { text: string; cell: string } => {
    const i = settings.findIndex((row) => cellText(row[0]).trim().toLowerCase() === name.toLowerCase());
    return { text: i < 0 ? '' : cellText(settings[i]?.[1]).trim(), cell: a1(Math.max(i, 0) + 1, 2) };
  };
  const project = find(BIGQUERY_PROJECT_SETTING);
  const dataset = find(BIGQUERY_DATASET_SETTING);
  if (project.text === '' || dataset.text === '')
    throw new UserError('Выгрузка в BigQuery не настроена: ничего не выгружено.', HOW_TO_FILL);
  // Project ids: 6–30 lowercase letters, digits and hyphens (an older one may carry «домен:»).
  if (!/^([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(project.text))
    throw new UserError(
      `«${project.text}» (лист «${SETTINGS_SHEET}», ячейка ${project.cell}) не похоже на идентификатор проекта Google Cloud: ничего не выгружено.`,
      'Скопируйте идентификатор (Project ID, строчные латинские буквы, цифры и дефисы) со страницы проекта в консоли Google Cloud.',
    );
  if (!/^\w{1,1024}$/.test(dataset.text))
    throw new UserError(
      `«${dataset.text}» (лист «${SETTINGS_SHEET}», ячейка ${dataset.cell}) не годится как имя набора данных BigQuery: ничего не выгружено.`,
      'Имя набора данных — латинские буквы, цифры и «_», например roadmap500.',
    );
  return { projectId: project.text, datasetId: dataset.text };
}

/** The load job that replaces one table of the dataset with a CSV of the model's columns. */
export function loadJob(target: BigQueryTarget, table: string, fields: BigQueryField[]): BigQueryLoadJob {
  return {
    configuration: {
      load: {
        destinationTable: { ...target, tableId: table },
        schema: { fields },
        sourceFormat: 'CSV',
        skipLeadingRows: 1,
        allowQuotedNewlines: true,
        createDisposition: 'CREATE_IF_NEEDED',
        writeDisposition: 'WRITE_TRUNCATE',
      },
    },
  };
}

/** Every listed municipality's tables, or a UserError naming what could not be read (then nothing is loaded). */
function regionTables(svc: Services, opener: SpreadsheetOpenerPort, settings: Grid): DataTables {
  const ss = svc.spreadsheetApp.getActiveSpreadsheet();
  const sheet = ss.getSheetByName(MUNICIPALITIES_SHEET);
  const read = readMunicipalities(sheet && sheet.getLastRow() > 0 ? sheet.getDataRange().getValues() : []);
  if (read.sources.length === 0 && read.failures.length === 0)
    throw new UserError(
      `Нет муниципалитетов для выгрузки: лист «${MUNICIPALITIES_SHEET}» пуст или его нет.`,
      `Впишите в «${MUNICIPALITIES_SHEET}» муниципалитеты и ссылки на их таблицы (как для региональной сводки).`,
    );
  const budget = startBudget(svc);
  budget.setSeconds(settingsOf(svc, settings).timeBudgetSeconds);
  const parts: DataTables[] = [];
  const pass: MunicipalityPass = { failures: [...read.failures], seen: {} };
  const next = readEachMunicipality(svc, opener, read.sources, 0, budget, pass, (tables) =>
    parts.push(tables),
  );
  if (next < read.sources.length)
    throw new UserError(
      `Выгрузка в BigQuery не сделана: за время одного запуска прочитано муниципалитетов ${next} из ${read.sources.length}.`,
      `Увеличьте «Бюджет времени, сек» в «${SETTINGS_SHEET}» (не больше 300) и выгрузите снова.`,
    );
  const { failures } = pass;
  if (failures.length > 0)
    throw new UserError(
      `Выгрузка в BigQuery не сделана: не прочитаны ${failures.map((f) => `«${f.source}» — ${f.reason}`).join('; ')}`,
      'Таблицы в BigQuery заменяются целиком, и без этих муниципалитетов их строки пропали бы. Исправьте ссылки или доступ и выгрузите снова.',
    );
  return concatTables(parts);
}

/**
 * Menu run. Refuses (UserError, nothing read or loaded) while the settings are empty; otherwise sends one
 * load job per table and writes one `Журнал` line per table with the job's id. BigQuery runs the jobs
 * after the call returns: their outcome is in BigQuery under those ids.
 */
export function exportToBigQuery(
  svc: Services,
  opener: SpreadsheetOpenerPort,
  bigQuery: BigQueryPort,
): JobResult {
  const settings = settingsGrid(svc);
  const target = readBigQueryTarget(settings);
  const tables = regionTables(svc, opener, settings);
  const dataset = `${target.projectId}.${target.datasetId}`;
  const entries: JournalEntry[] = [];
  let failed = '';
  for (const t of TABLE_NAMES) {
    const rows = tables[t].length;
    try {
      const { jobId } = bigQuery.insertLoadJob(
        target.projectId,
        loadJob(target, t, bigquerySchema(t)),
        tableCsv(t, tables[t]),
      );
      entries.push({
        job: BIGQUERY_JOB,
        event: 'Задание загрузки отправлено',
        who: `${dataset}.${t}`,
        details: `строк: ${rows}, таблица заменяется целиком`,
        status: 'отправлено',
        key: jobId,
      });
    } catch (e) {
      // Usually the same for every table (no dataset, no access): the rest are not sent.
      failed = `BigQuery не принял таблицу ${t}: ${messageOf(e)}`;
      entries.push({
        job: BIGQUERY_JOB,
        event: 'Ошибка BigQuery',
        who: `${dataset}.${t}`,
        details: failed,
        status: 'ошибка',
      });
      break;
    }
  }
  appendJournal(svc, entries);
  const sent = entries.length - (failed ? 1 : 0);
  if (failed)
    return dataErrors(
      `${failed}. Отправлено таблиц: ${sent} из ${TABLE_NAMES.length}. Проверьте, что набор данных ${dataset} существует и у вас есть права на запись, и выгрузите снова.`,
    );
  return done(
    `В BigQuery (${dataset}) отправлены задания загрузки таблиц: ${sent} (муниципалитетов: ${tables.municipalities.length}, мероприятий: ${tables.activities.length}). Номера заданий — в листе «Журнал».`,
  );
}
