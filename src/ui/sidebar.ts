/**
 * The school reporting sidebar: loads the reporter's schools and activities, checks the form with the
 * server's own schemas, and submits it once per key. Everything shown goes through textContent, so
 * names, comments and links from the sheet are displayed as text, never parsed as HTML.
 */
import { REPORT_MSG } from '../core/messages';
import { countGenitive, NOUNS } from '../core/plural';
import {
  checkFact,
  COMMENT_MAX,
  formDataResponseSchema,
  parseReportForm,
  submitResponseSchema,
  type ActivityView,
  type Refused,
  type ReportField,
  type ReportFormData,
  type ReportView,
} from '../core/report';
import { formatDate, formatTime } from './format';
import { newKey } from './key';
import { server } from './server';

const FIELD_IDS: Record<ReportField, string | undefined> = {
  schoolCode: 'school',
  activityId: 'activity',
  period: 'period',
  status: 'status',
  fact: 'fact',
  comment: 'comment',
  link: 'link',
  key: undefined,
};

function el<T extends HTMLElement>(id: string): T {
  const e = document.getElementById(id);
  if (!e) throw new Error(`sidebar: no #${id}`);
  return e as T;
}

const ui = {
  loading: el('loading'),
  pageMessage: el('page-message'),
  form: el<HTMLFormElement>('report-form'),
  user: el('user'),
  school: el<HTMLSelectElement>('school'),
  activity: el<HTMLSelectElement>('activity'),
  details: el('details'),
  section: el('activity-section'),
  title: el('activity-title'),
  deadline: el('deadline'),
  planned: el('planned'),
  activityStatus: el('activity-status'),
  periodField: el('period-field'),
  period: el<HTMLSelectElement>('period'),
  status: el<HTMLSelectElement>('status'),
  fact: el<HTMLInputElement>('fact'),
  factHint: el('fact-hint'),
  comment: el<HTMLTextAreaElement>('comment'),
  commentHint: el('comment-hint'),
  link: el<HTMLInputElement>('link'),
  submit: el<HTMLButtonElement>('submit'),
  saving: el('saving'),
  result: el('result'),
  reports: el('reports'),
  noReports: el('no-reports'),
};

/** The signed link's token when the page is the web form (doGet puts it in a hidden input); none in the sidebar. */
const token = document.querySelector<HTMLInputElement>('input#roadmap-token')?.value || undefined;

let data: ReportFormData | undefined;
/** The key of the form being filled; kept across retries, replaced only after a stored report. */
let key: string | undefined;
let saving = false;

function option(value: string, text: string): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  return o;
}

function fill(select: HTMLSelectElement, options: HTMLOptionElement[]): void {
  select.replaceChildren(...options);
}

function currentActivity(): ActivityView | undefined {
  return data?.activities.find((a) => a.id === ui.activity.value);
}

function showMessage(target: HTMLElement, kind: 'ok' | 'fail', text: string): void {
  target.className = `message ${kind}`;
  target.textContent = text;
  // On a phone the message under the button may start below the screen's edge.
  target.scrollIntoView({ block: 'nearest' });
}

function clearErrors(): void {
  for (const id of Object.values(FIELD_IDS)) {
    if (!id) continue;
    el(id).removeAttribute('aria-invalid');
    el(`${id}-error`).textContent = '';
  }
  ui.result.textContent = '';
  ui.result.className = 'message';
}

/** A refusal goes next to its field (and focuses it); one with no field goes under the button. */
function showRefusal(r: Refused): void {
  const id = r.field ? FIELD_IDS[r.field] : undefined;
  if (!id) {
    showMessage(ui.result, 'fail', r.message);
    return;
  }
  const input = el(id);
  input.setAttribute('aria-invalid', 'true');
  el(`${id}-error`).textContent = r.message;
  input.focus();
}

function renderSchools(d: ReportFormData): void {
  fill(
    ui.school,
    d.schools.map((s) => option(s.code, s.name)),
  );
  renderActivities();
}

function renderActivities(): void {
  const school = data?.schools.find((s) => s.code === ui.school.value);
  const ids = new Set(school?.activityIds ?? []);
  const list = data?.activities.filter((a) => ids.has(a.id)) ?? [];
  fill(
    ui.activity,
    list.length
      ? list.map((a) => option(a.id, `${a.id} ${a.title}`))
      : [option('', 'Нет мероприятий для этой школы')],
  );
  ui.activity.disabled = list.length === 0;
  renderActivity();
}

function renderActivity(): void {
  const a = currentActivity();
  ui.details.hidden = !a;
  ui.submit.disabled = !a || saving;
  if (!a) {
    ui.periodField.hidden = true;
    renderReports();
    return;
  }
  ui.section.textContent = a.section;
  ui.title.textContent = a.title;
  // A recurring activity's date is the next period's; its missed periods are in the status line below.
  const due = a.due ? `(${a.periodic ? 'срок следующего отчёта' : 'срок'} ${formatDate(a.due)})` : '';
  ui.deadline.textContent = [a.deadlineText || 'не указан', due].filter(Boolean).join(' ');
  ui.planned.textContent = [a.indicator, a.planned].filter(Boolean).join(': ') || 'не указан';
  ui.activityStatus.textContent = [a.status || '—', a.statusNote].filter(Boolean).join('; ');
  ui.periodField.hidden = !a.periodic;
  renderPeriods(a);
  ui.factHint.textContent = a.numericFact
    ? `Число. План: ${a.planned}`
    : a.planned
      ? `План: ${a.planned}`
      : '';
  renderReports();
}

/**
 * The periods, newest first, those the school let end without a report marked. The oldest of those is
 * selected: it is the one to report first. With none overdue nothing is: the current period is not due
 * yet, and a director who just clicks «Отправить» is asked which period the report is for.
 */
function renderPeriods(a: ActivityView): void {
  if (a.periods.length === 0) {
    fill(ui.period, [option('', 'Нет открытых периодов')]);
    return;
  }
  const school = ui.school.value;
  const overdue = a.periods.filter((p) => p.overdueFor.includes(school));
  fill(ui.period, [
    ...(overdue.length ? [] : [option('', REPORT_MSG.choosePeriod)]),
    ...a.periods.map((p) => option(p.key, overdue.includes(p) ? REPORT_MSG.overduePeriod(p.label) : p.label)),
  ]);
  ui.period.value = overdue[overdue.length - 1]?.key ?? '';
}

function reportItem(r: ReportView, timeZone: string): HTMLLIElement {
  const li = document.createElement('li');
  const head = document.createElement('div');
  head.textContent = [r.status, r.period && `период ${r.period}`, r.fact && `факт: ${r.fact}`]
    .filter(Boolean)
    .join(' · ');
  const meta = document.createElement('div');
  meta.className = 'meta';
  meta.textContent = `${formatTime(r.time, timeZone)}, ${r.user}`;
  li.append(head, meta);
  if (r.comment) {
    const c = document.createElement('div');
    c.textContent = r.comment;
    li.append(c);
  }
  if (r.link) {
    const a = document.createElement('a');
    // Only http(s) links become clickable; anything else stays text.
    if (/^https?:\/\//i.test(r.link)) {
      a.href = r.link;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
    }
    a.textContent = r.link;
    li.append(a);
  }
  return li;
}

function renderReports(): void {
  const a = currentActivity();
  const list =
    a && data ? data.reports.filter((r) => r.activityId === a.id && r.schoolCode === ui.school.value) : [];
  ui.reports.replaceChildren(...list.map((r) => reportItem(r, data?.timeZone ?? 'UTC')));
  ui.noReports.hidden = list.length > 0;
}

function renderCommentCount(): void {
  ui.commentHint.textContent = `${ui.comment.value.length} из ${countGenitive(COMMENT_MAX, NOUNS.character)}`;
}

/** While the answer is awaited (long on a slow phone connection) the button says so and takes no click. */
function setSaving(on: boolean): void {
  saving = on;
  // A disabled button loses the focus: a keyboard user gets it back on the button, not at the page's top.
  const refocus = !on && document.activeElement === document.body;
  ui.submit.disabled = on || !currentActivity();
  ui.submit.textContent = on ? 'Сохраняем…' : 'Отправить';
  ui.saving.hidden = !on;
  ui.form.setAttribute('aria-busy', String(on));
  if (refocus) ui.submit.focus();
}

function readForm(): Record<string, string> {
  key ??= newKey();
  return {
    schoolCode: ui.school.value,
    activityId: ui.activity.value,
    period: currentActivity()?.periodic ? ui.period.value : '',
    status: ui.status.value,
    fact: ui.fact.value,
    comment: ui.comment.value,
    link: ui.link.value,
    key,
  };
}

function resetAnswers(): void {
  ui.status.value = '';
  ui.fact.value = '';
  ui.comment.value = '';
  ui.link.value = '';
  renderCommentCount();
}

async function submit(): Promise<void> {
  if (saving || !data) return;
  clearErrors();
  const parsed = parseReportForm(readForm());
  const refused = parsed.ok
    ? checkFact(parsed.form.fact, currentActivity()?.numericFact ?? false, currentActivity()?.planned ?? '')
    : parsed.refused;
  if (refused || !parsed.ok) {
    if (refused) showRefusal(refused);
    return;
  }
  setSaving(true);
  try {
    const response = submitResponseSchema.parse(await server.submitReport(parsed.form, token));
    switch (response.type) {
      case 'ok': {
        const stored = response.report;
        const known = data.reports.some(
          (r) => r.time === stored.time && r.activityId === stored.activityId && r.user === stored.user,
        );
        if (!known) data.reports.unshift(stored);
        key = undefined;
        resetAnswers();
        renderReports();
        showMessage(ui.result, 'ok', response.message);
        void reload();
        break;
      }
      case 'refused':
        showRefusal(response);
        break;
    }
  } catch {
    // The key stays: sending the same form again cannot store it twice.
    showMessage(ui.result, 'fail', REPORT_MSG.notSent);
  } finally {
    setSaving(false);
  }
}

/**
 * After a stored report: fresh statuses and reports, keeping the school and activity selected now; the
 * period moves on to the oldest one still overdue.
 */
async function reload(): Promise<void> {
  try {
    const response = formDataResponseSchema.parse(await server.getReportFormData(token));
    if (response.type !== 'ok') return;
    const [school, activity] = [ui.school.value, ui.activity.value];
    data = response.data;
    renderSchools(data);
    ui.school.value = school;
    renderActivities();
    ui.activity.value = activity;
    renderActivity();
  } catch {
    // The stored report is already listed; statuses catch up when the panel opens next time.
  }
}

async function load(): Promise<void> {
  try {
    const response = formDataResponseSchema.parse(await server.getReportFormData(token));
    switch (response.type) {
      case 'ok':
        data = response.data;
        ui.user.textContent = token
          ? `Отчёт по личной ссылке для ${data.user}.`
          : `Вы вошли как ${data.user}${data.coordinator ? ' (координатор)' : ''}.`;
        fill(ui.status, [option('', '— выберите —'), ...data.statuses.map((s) => option(s, s))]);
        renderSchools(data);
        renderCommentCount();
        ui.form.hidden = false;
        break;
      case 'refused':
        showMessage(ui.pageMessage, 'fail', response.message);
        break;
    }
  } catch {
    showMessage(ui.pageMessage, 'fail', REPORT_MSG.failedData);
  } finally {
    ui.loading.hidden = true;
  }
}

/** A message about the previous activity («Отчёт сохранён») would read as if it were about the one chosen now. */
function clearResult(): void {
  ui.result.textContent = '';
  ui.result.className = 'message';
}
ui.school.addEventListener('change', () => {
  clearResult();
  renderActivities();
});
ui.activity.addEventListener('change', () => {
  clearResult();
  renderActivity();
});
ui.comment.addEventListener('input', renderCommentCount);
ui.form.addEventListener('submit', (event) => {
  event.preventDefault();
  void submit();
});
void load();
