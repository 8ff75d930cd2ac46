/**
 * The automatic mode without Google: installTriggers stores the schedule in the workbook, the computer's
 * own scheduler (cron, Task Scheduler) calls `roadmap500 run-due` every hour, and run-due runs what is due.
 */
import { basename, dirname, join, resolve } from 'node:path';
import { projectRoot } from './project';
import type { FiredTrigger, LocalHost } from './host';

/** What each of our trigger handlers does, for the user. */
const HANDLER_RU: Record<string, string> = {
  dailyRefresh: 'ежедневное обновление статусов и напоминания',
  weeklySummary: 'недельная сводка',
};

/** The command cron or Task Scheduler runs: this node and this roadmap500, whatever the PATH is then. */
function runDueCommand(book: string): string {
  const script = join(projectRoot(), 'bin', 'roadmap500.js');
  return `"${process.execPath}" "${resolve(script)}" run-due "${resolve(book)}"`;
}

/**
 * What installTriggers prints locally instead of «Автоматический режим включён»: the schedule is only
 * stored; the lines to add to cron (Linux, macOS) and to the Windows Task Scheduler make it run.
 */
export function scheduleInstructions(book: string, stored: string): string {
  const log = join(dirname(resolve(book)), 'roadmap500.log');
  const name = `roadmap500 ${basename(book).replace(/\.xlsx$/i, '')}`;
  return [
    // The job's own sentence without its «включён» (nothing runs until cron does) and its full stop.
    `Расписание сохранено в книге: ${stored.replace(/^Автоматический режим включён: /, '').replace(/\.$/, '')}.`,
    'Само по себе оно не запускается: добавьте ежечасный запуск roadmap500 run-due — он выполнит то, чему пришло время, и ничего не повторит.',
    '  Linux, macOS (crontab -e, добавьте строку):',
    `    0 * * * * ${runDueCommand(book)} >> "${log}" 2>&1`,
    '  Windows (командная строка):',
    `    schtasks /Create /SC HOURLY /TN "${name}" /TR "${runDueCommand(book).replace(/"/g, '\\"')}"`,
    'Выключить: roadmap500 removeTriggers и удалить эту строку (schtasks /Delete /TN "' + name + '").',
  ].join('\n');
}

/** One line per job run-due ran: «dailyRefresh (ежедневное обновление…): Обновлено…» or its error. */
export function firedSummary(fired: readonly FiredTrigger[], host: LocalHost): string {
  if (fired.length === 0) {
    const next = host
      .triggers()
      .filter((t) => !t.spent)
      .sort((a, b) => a.next - b.next)[0];
    return next
      ? `По расписанию сейчас ничего не нужно. Следующий запуск: ${HANDLER_RU[next.handler] ?? next.handler}, ${new Date(next.next).toLocaleString('ru-RU', { timeZone: next.timeZone })}.`
      : 'Расписания нет: включите его командой roadmap500 installTriggers <книга.xlsx>.';
  }
  return fired
    .map((f) => {
      const what = `${f.handler} (${HANDLER_RU[f.handler] ?? 'продолжение задачи'})`;
      if (f.error !== undefined) return `${what}: ошибка — ${f.error}`;
      const r = f.result;
      const message =
        r && typeof r === 'object' && 'message' in r && typeof r.message === 'string' ? r.message : 'готово';
      return `${what}: ${message}`;
    })
    .join('\n');
}
