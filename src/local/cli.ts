/** The `roadmap500` command: runs a job of the bundle over an .xlsx workbook through the local host. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { noSuchDateReason } from '../core/dates';
import { messageOf } from '../core/errors';
import { QUOTA_REASON } from '../sheets/mail-log';
import { MENU_ITEMS, MENU_TITLE, NO_ACTIVITIES, SHEETS } from '../core/messages';
import { unreachableForSchools } from './link-address';
import { packageVersion, scriptTimeZone } from './project';
import { firedSummary, scheduleInstructions } from './schedule';
import type { HostOptions, LocalHost } from './host';
import { lockFileOf, refuseMissingFolder, WorkbookError } from './workbook-file';
import { checkTimeZone } from './zone';
// The host, exceljs and the subcommands load only when needed, so --help and usage errors answer at once.

/** Jobs the command runs: the menu's, plus the trigger handlers. */
const JOBS: readonly string[] = [
  ...MENU_ITEMS.flatMap((item) => (item ? [item[1]] : [])),
  'dailyRefresh',
  'weeklySummary',
];

const HELP = `Дорожная карта 500+ — работа с книгой Excel без Google-аккаунта.

Использование:
  roadmap500 <задача> <книга.xlsx> [параметры]
  roadmap500 import <дорожная-карта.docx|.html|.txt|.xlsx|.csv> --out <новая-книга.xlsx> [--force]
  roadmap500 import <дорожная-карта.docx|.html|.txt|.xlsx|.csv> --into <книга.xlsx>   заменить только «Мероприятия» («Показатели»)
  roadmap500 sample-responses --schools N --respondents M --out <книга.xlsx> [--seed S] [--force]
  roadmap500 serve-sidebar <книга.xlsx> --user <почта> [--port N] [--today ГГГГ-ММ-ДД]
  roadmap500 reportLinks <книга.xlsx> [--base-url URL]   ссылки школ для отчёта (печатает их)
  roadmap500 revokeReportLinks <книга.xlsx> --school КОД прежние ссылки школы перестают действовать
  roadmap500 serve <книга.xlsx> [--port N] [--host H]    форма отчёта по ссылкам (по умолчанию 127.0.0.1:8500)
  roadmap500 demo [--out ПАПКА] [--today ГГГГ-ММ-ДД]   весь конвейер на образце (npm start)
  roadmap500 export <книга.xlsx> --parquet ПАПКА | --csv ПАПКА [--today ГГГГ-ММ-ДД] [--bigquery-commands [--dataset ИМЯ]]
                    статусы — на --today (по умолчанию на сегодня)
  roadmap500 rollup <папка|книги.xlsx…> --out <регион.xlsx> [--today ГГГГ-ММ-ДД] [--wait СЕК]
  roadmap500 sample-region --municipalities N --out ПАПКА [--seed S]
  roadmap500 --help | --version

Задачи:
${MENU_ITEMS.flatMap((item) => (item ? [`  ${item[1].padEnd(20)} ${item[0]}`] : [])).join('\n')}
  ${'dailyRefresh'.padEnd(20)} Ежедневное обновление (как по расписанию)
  ${'weeklySummary'.padEnd(20)} Недельная сводка (как по расписанию)
  ${'run-due'.padEnd(20)} Всё, чему пришло время по расписанию installTriggers (вызывайте каждый час из cron или schtasks)

Параметры:
  --out ФАЙЛ        записать результат в другую книгу (исходная тогда не меняется); без --out
                    книга обновляется на месте, прежняя версия остаётся в <книга>.bak.xlsx
  --today ГГГГ-ММ-ДД считать этот день сегодняшним
  --outbox ПАПКА    куда складывать письма .eml (по умолчанию папка outbox рядом с результатом)
  --user ПОЧТА      адрес пользователя, от имени которого выполняется задача
  --tz ЗОНА         часовой пояс таблицы, например Asia/Vladivostok (по умолчанию Europe/Moscow)
  --quota N         суточная квота писем (по умолчанию из листа «Настройки», иначе 100)
  --wait СЕК        сколько ждать, пока книгу освободит другой запуск (по умолчанию 120)
  --force           (import, sample-responses) заменить существующую книгу --out целиком

Письма отправляются по SMTP, если в листе «Настройки» указан «SMTP сервер» или задана
переменная окружения SMTP_URL; иначе сохраняются файлами .eml.

Код завершения: 0 — готово; 1 — в данных найдены ошибки (они перечислены в книге);
2 — команду или файл не удалось использовать (сообщение выше).`;

/** A mistake in the command line: exit 2 with this message. */
export class UsageError extends Error {}

function progress(text: string): void {
  if (process.stderr.isTTY) process.stderr.write(`… ${text}\n`);
}

/** A `--today` value: refused (exit 2) unless it is ГГГГ-ММ-ДД and that day is in the calendar. */
export function isoDay(value: string | undefined, option: string): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m)
    throw new UsageError(`${option}: нужна дата вида ГГГГ-ММ-ДД, например 2025-03-31, а указано «${value}».`);
  const reason = noSuchDateReason(Number(m[1]), Number(m[2]), Number(m[3]));
  if (reason) throw new UsageError(`${option}: такой даты нет: ${value} (${reason}).`);
  return value;
}

export function positiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value))
    throw new UsageError(`${option}: нужно целое неотрицательное число, а указано «${value}».`);
  return Number(value);
}

/** `--wait СЕК`, as every command writing a workbook takes it: how long to wait for another run's lock. */
export function lockWait(value: string | undefined): { waitMs?: number } {
  const seconds = positiveInt(value, '--wait');
  return seconds === undefined ? {} : { waitMs: seconds * 1000 };
}

export function required(value: string | undefined, option: string): string {
  if (!value) throw new UsageError(`Не указан параметр ${option}. Подробнее: roadmap500 --help`);
  return value;
}

async function runJob(job: string, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: 'string' },
      today: { type: 'string' },
      outbox: { type: 'string' },
      user: { type: 'string' },
      tz: { type: 'string' },
      quota: { type: 'string' },
      wait: { type: 'string' },
    },
  });
  if (positionals.length !== 1)
    throw new UsageError(`Укажите одну книгу .xlsx: roadmap500 ${job} <книга.xlsx>`);
  const input = resolve(positionals[0] ?? '');
  const out = resolve(values.out ?? input);
  if (!/\.xlsx$/i.test(out))
    throw new UsageError(`--out: результат записывается в книгу .xlsx, а указано «${out}».`);
  refuseMissingFolder(out, 'результата');
  const outLock = out !== input ? lockFileOf(out) : undefined;
  if (outLock) throw new WorkbookError(`Книга «${out}» открыта в другой программе. Закройте её и повторите.`);
  const outbox = resolve(values.outbox ?? join(dirname(out), 'outbox'));
  const today = isoDay(values.today, '--today');
  let timeZone: string | undefined;
  try {
    timeZone = values.tz === undefined ? undefined : checkTimeZone(values.tz);
  } catch {
    throw new UsageError(
      `--tz: неизвестный часовой пояс «${values.tz}». Пример: Europe/Moscow, Asia/Vladivostok.`,
    );
  }
  const quota = positiveInt(values.quota, '--quota');
  const wait = lockWait(values.wait);
  const options: HostOptions = {
    outbox,
    ...(today ? { now: today } : {}),
    ...(values.user ? { user: values.user } : {}),
    ...(timeZone ? { timeZone } : {}),
    ...(quota !== undefined ? { dailyQuota: quota } : {}),
  };
  // One writer at a time: the lock is taken before the workbook is read and released once it is replaced.
  const { withWorkbookLock } = await import('./workbook-lock');
  return withWorkbookLock(out, `roadmap500 ${job}`, () => runLocked(job, input, out, options), wait);
}

/** Reads the workbook, runs the job, saves: under the workbook's lock. */
async function runLocked(job: string, input: string, out: string, options: HostOptions): Promise<number> {
  const outbox = options.outbox ?? '';
  progress(`чтение книги ${input}`);
  const { LocalHost } = await import('./host');
  const host = await LocalHost.open(input, options);
  progress(`выполняется ${job}`);
  const due = job === RUN_DUE ? runDue(host) : undefined;
  const { exitCode, message } = due ?? jobResult(host.run<unknown>(job));
  // Called every hour: when nothing was due the book (and its one .bak copy) stay as they are.
  if (due?.fired === 0) {
    process.stdout.write(`${message}\nКнига не изменена: ${out}\n`);
    return 0;
  }
  progress(`запись книги ${out}`);
  const mailBefore = existsSync(outbox) ? readdirSync(outbox).length : 0;
  try {
    await host.save(out);
  } catch (e) {
    const code = e && typeof e === 'object' && 'code' in e ? String(e.code) : '';
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? 'нет прав на запись в эту папку'
        : code === 'ENOSPC'
          ? 'на диске нет места'
          : code === 'EBUSY'
            ? 'файл занят другой программой'
            : messageOf(e);
    const kept = host.smtpReport.accepted
      ? ` Письма, уже принятые SMTP-сервером (${host.smtpReport.accepted}), записаны рядом с книгой и при следующем запуске не повторятся.`
      : '';
    throw new WorkbookError(`Не удалось записать результат (${why}). Книга «${out}» не изменена.${kept}`);
  }
  // What the script showed the user (the final toast repeats the job's message, printed below).
  for (const e of host.ui) {
    if ((e.kind === 'toast' || e.kind === 'alert') && e.text !== message)
      process.stderr.write(`${e.title ? `${e.title}: ` : ''}${forCommandLine(e.text, out)}\n`);
    // Only the report sidebar has a local stand-in; a dialog (the reminders preview) repeats the job's message.
    if (e.kind === 'sidebar')
      process.stderr.write(
        `Боковая панель работает в Google Таблицах; локально: roadmap500 serve-sidebar "${out}" --user <почта>\n`,
      );
  }
  for (const line of host.logs) process.stderr.write(`${line}\n`);
  // What Excel or Google Sheets would not take as the host did (see LocalHost.warnings).
  for (const w of host.warnings) process.stderr.write(`Предупреждение: ${w}\n`);
  // Locally installTriggers only stores the schedule: say so, and how to make the computer run it.
  // A server that stopped taking mail queues the rest as the quota would: say which it was.
  const said = host.smtpReport.left
    ? message.replace(QUOTA_REASON, '(SMTP-сервер перестал принимать письма)')
    : message;
  process.stdout.write(
    `${job === 'installTriggers' ? scheduleInstructions(out, said) : forCommandLine(said, out)}\n`,
  );
  process.stdout.write(`Книга записана: ${out}\n`);
  const mailAfter = existsSync(outbox) && statSync(outbox).isDirectory() ? readdirSync(outbox).length : 0;
  if (mailAfter > mailBefore)
    process.stdout.write(`Письма (${mailAfter - mailBefore}) сохранены в папку: ${outbox}\n`);
  const smtp = smtpSummary(host.smtpReport, job, out);
  if (smtp) process.stdout.write(`${smtp}\n`);
  const loopback = loopbackLinks(host, job);
  if (loopback)
    process.stderr.write(
      `Внимание: ссылки для отчёта в письмах школ ведут на этот компьютер (${loopback}) — у школ они не откроются. Создайте ссылки с адресом, по которому школы достанут этот компьютер или веб-приложение Google: roadmap500 reportLinks "${out}" --base-url <адрес>, затем повторите рассылку.\n`,
    );
  return exitCode;
}

/** A school's report link in a letter: its address up to the token. */
const REPORT_LINK = /https?:\/\/[^\s/?#]+\/?[^\s?#]*(?=\?t=)/g;

/** The address school letters of this run (or of the preview) give that schools cannot open, if any. */
function loopbackLinks(host: LocalHost, job: string): string {
  const texts = host.sentMail.map((m) => m.text);
  if (job === 'previewReminders' && host.spreadsheet.getSheetByName(SHEETS.summary))
    texts.push(...host.values(SHEETS.summary).flat().map(String));
  for (const text of texts)
    for (const [link] of text.matchAll(REPORT_LINK)) if (unreachableForSchools(link)) return link;
  return '';
}

/** «SMTP: принято сервером 5, отклонено 1, не отправлено 3 — …»: exact counts of what the server did this run. */
function smtpSummary(r: LocalHost['smtpReport'], job: string, out: string): string {
  if (!r.accepted && !r.earlier && !r.refused.length && !r.left) return '';
  const parts = [`SMTP: принято сервером ${r.accepted}`];
  if (r.earlier) parts.push(`принято при прошлом, прерванном запуске (и не отправлено снова) ${r.earlier}`);
  parts.push(`отклонено ${r.refused.length}`, `не отправлено ${r.left}.`);
  const lines = [parts.join(', ')];
  for (const refused of r.refused) lines.push(`  отклонено: ${refused}`);
  if (r.left)
    lines.push(
      `Сервер перестал принимать письма (${r.failure}). Неотправленные остались в очереди; когда сервер заработает, выполните снова: roadmap500 ${job} "${out}"`,
    );
  return lines.join('\n');
}

/**
 * The bundle's messages name menu items («Дорожная карта 500+ → Создать шаблон листов»); here the user
 * types commands: «roadmap500 createTemplate "карта.xlsx"». An empty roadmap can also be imported from a file.
 */
export function forCommandLine(text: string, book: string): string {
  const title = MENU_TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const named = text.replace(new RegExp(`«${title} → ([^»]+)»`, 'g'), (whole, label: string) => {
    const job = MENU_ITEMS.find((item) => item?.[0] === label)?.[1];
    return job ? `roadmap500 ${job} "${book}"` : whole;
  });
  return named.replace(
    NO_ACTIVITIES.fix,
    `${NO_ACTIVITIES.fix} Или загрузите её из файла: roadmap500 import <дорожная-карта.docx|.html|.txt|.xlsx|.csv> --into "${book}"`,
  );
}

/** `roadmap500 run-due`: the jobs whose time has come by the schedule stored in the workbook, each once. */
const RUN_DUE = 'run-due';

function runDue(host: LocalHost): { exitCode: 0 | 1; message: string; fired: number } {
  const fired = host.runDue();
  const failed = fired.some((f) => f.error !== undefined || jobResult(f.result).exitCode === 1);
  return { exitCode: failed ? 1 : 0, message: firedSummary(fired, host), fired: fired.length };
}

/** A job's `JobResult` as the CLI reports it (the bundle returns plain objects). */
export function jobResult(result: unknown): { exitCode: 0 | 1; message: string } {
  if (result && typeof result === 'object' && 'exitCode' in result && 'message' in result) {
    const r = result;
    return { exitCode: r.exitCode === 1 ? 1 : 0, message: String(r.message) };
  }
  return { exitCode: 0, message: 'Готово.' };
}

async function subcommand(name: string, args: string[]): Promise<number> {
  switch (name) {
    case 'import': {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: { out: { type: 'string' }, into: { type: 'string' }, force: { type: 'boolean' } },
      });
      if (positionals.length !== 1)
        throw new UsageError('Укажите один файл: roadmap500 import <дорожная-карта.txt> --out <книга.xlsx>');
      const input = resolve(positionals[0] ?? '');
      if (!existsSync(input)) throw new UsageError(`Файл «${input}» не найден. Проверьте путь и имя файла.`);
      if (values.into !== undefined && values.out !== undefined)
        throw new UsageError('Укажите что-то одно: --out (новая книга) или --into (существующая книга).');
      const { importRoadmap } = await import('./import-roadmap');
      if (values.into !== undefined) return importRoadmap(input, resolve(values.into), { into: true });
      return importRoadmap(input, resolve(required(values.out, '--out')), { force: values.force });
    }
    case 'sample-responses': {
      const { values } = parseArgs({
        args,
        strict: true,
        options: {
          schools: { type: 'string' },
          respondents: { type: 'string' },
          out: { type: 'string' },
          seed: { type: 'string' },
          force: { type: 'boolean' },
        },
      });
      const seed = positiveInt(values.seed, '--seed');
      const { sampleResponses } = await import('./sample-responses');
      return sampleResponses({
        schools: positiveInt(required(values.schools, '--schools'), '--schools') ?? 0,
        respondents: positiveInt(required(values.respondents, '--respondents'), '--respondents') ?? 0,
        out: resolve(required(values.out, '--out')),
        ...(seed !== undefined ? { seed } : {}),
        force: values.force,
      });
    }
    case 'serve-sidebar': {
      const { values, positionals } = parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: { user: { type: 'string' }, port: { type: 'string' }, today: { type: 'string' } },
      });
      if (positionals.length !== 1)
        throw new UsageError('Укажите одну книгу: roadmap500 serve-sidebar <книга.xlsx> --user <почта>');
      const port = positiveInt(values.port, '--port');
      const today = isoDay(values.today, '--today');
      const { serveSidebar } = await import('./serve-sidebar');
      return serveSidebar({
        workbook: resolve(positionals[0] ?? ''),
        user: required(values.user, '--user'),
        ...(port !== undefined ? { port } : {}),
        ...(today ? { today } : {}),
      });
    }
    case 'demo': {
      const { values } = parseArgs({
        args,
        strict: true,
        options: { out: { type: 'string' }, today: { type: 'string' } },
      });
      const today = isoDay(values.today, '--today');
      const { demo } = await import('./demo');
      return demo({ ...(values.out ? { dir: resolve(values.out) } : {}), ...(today ? { today } : {}) });
    }
    case 'export':
    case 'rollup':
    case 'sample-region':
      return (await import('./region-commands')).regionCommand(name, args);
    default:
      throw new UsageError(`Неизвестная задача «${name}». Список задач: roadmap500 --help`);
  }
}

/** node:util parseArgs errors, in Russian. */
function argsMessage(e: unknown): string | undefined {
  const code = e && typeof e === 'object' && 'code' in e ? String(e.code) : '';
  if (!code.startsWith('ERR_PARSE_ARGS')) return undefined;
  const option = /'(-[^' ]*)/.exec(messageOf(e))?.[1] ?? '';
  const what =
    code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
      ? `Неизвестный параметр ${option}.`
      : code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE'
        ? `Параметру ${option} нужно значение.`
        : code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
          ? 'Лишний аргумент в команде.'
          : 'Неверные параметры команды.';
  return `${what} Подробнее: roadmap500 --help`;
}

/** Runs the command; returns the exit status (0 done, 1 errors in the data, 2 unusable command or file). */
export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  // Apps Script computes local-time Date methods (new Date(y, m, d), getHours) in the script's zone, the
  // manifest's; so does this process, whatever the machine's zone.
  process.env['TZ'] = scriptTimeZone();
  try {
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      (first === undefined ? process.stderr : process.stdout).write(`${HELP}\n`);
      return first === undefined ? 2 : 0;
    }
    if (first === '--version' || first === '-v') {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    // School links save the workbook themselves (their secret lives in it): src/local/report-links-cli.ts.
    if (first === 'reportLinks' || first === 'revokeReportLinks' || first === 'serve')
      return await (await import('./report-links-cli')).linkCommand(first, rest);
    if (JOBS.includes(first) || first === RUN_DUE) return await runJob(first, rest);
    return await subcommand(first, rest);
  } catch (e) {
    const text =
      e instanceof WorkbookError || e instanceof UsageError
        ? e.message
        : (argsMessage(e) ?? `Ошибка: ${forCommandLine(messageOf(e), rest[0] ?? '<книга.xlsx>')}`);
    process.stderr.write(`roadmap500: ${text}\n`);
    return 2;
  }
}
