/**
 * School reports: the zod schemas shared by the sidebar (browser) and the server calls, so both sides
 * validate the same form with the same Russian messages, and the server trusts nothing it receives.
 */
// zod/mini: the same schemas at a fraction of the bundle size (Apps Script loads Code.js on every call).
import * as z from 'zod/mini';
import { parseIndicatorValue } from './indicator-value';
import { REPORT_STATUSES } from './layouts';
import { REPORT_MSG } from './messages';

export const COMMENT_MAX = 2000;
export const FACT_MAX = 200;
export const LINK_MAX = 2000;

/** Any UUID-shaped key (crypto.randomUUID or the client's fallback), lower or upper case. */
const KEY_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * http(s) only, no spaces or markup characters. A regex rather than z.url(): Apps Script V8 has no
 * global `URL` class, which z.url() needs.
 */
const LINK_RE = /^https?:\/\/[^\s<>"'`\\]+$/i;
/**
 * Characters that make a link read differently from where it goes: controls, bidi overrides and
 * isolates (U+202A…202E, U+2066…2069, U+200E/F, U+061C), zero-width and other invisible ones.
 */
const DECEPTIVE =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern refuses
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufeff\uffa0\ufff0-\ufffb]/;
/** «https://docs.google.com@evil.example/…» goes to evil.example: a user-info part before the host. */
const USERINFO = /^https?:\/\/[^/?#]*@/i;

/** An evidence link the reporter may give: http(s), nothing hidden in it, no user-info before the host. */
export function isSafeLink(link: string): boolean {
  return LINK_RE.test(link) && !DECEPTIVE.test(link) && !USERINFO.test(link);
}
/** Period keys of recurring activities («2021-03», «2021-Q1», «2021-H2», «2021», «2021-W05», «2021-03-05»). */
const PERIOD_RE = /^[0-9A-Za-z-]*$/;

/** Trimmed text of at most `max` characters, with extra checks after those. */
const text = (max: number, message: string, ...checks: z.core.$ZodCheck<string>[]): z.ZodMiniString =>
  z.string({ error: message }).check(z.trim(), z.maxLength(max, { error: message }), ...checks);

/** The form as the sidebar sends it to `submitReport`. Every field is checked again on the server. */
export const reportFormSchema = z.object({
  schoolCode: text(100, REPORT_MSG.school, z.minLength(1, { error: REPORT_MSG.school })),
  activityId: text(50, REPORT_MSG.activity, z.minLength(1, { error: REPORT_MSG.activity })),
  period: text(20, REPORT_MSG.period, z.regex(PERIOD_RE, { error: REPORT_MSG.period })),
  status: z.enum(REPORT_STATUSES, { error: REPORT_MSG.status }),
  fact: text(FACT_MAX, REPORT_MSG.factLength),
  comment: text(COMMENT_MAX, REPORT_MSG.comment(COMMENT_MAX)),
  link: text(
    LINK_MAX,
    REPORT_MSG.link,
    z.refine((s) => s === '' || isSafeLink(s), { error: REPORT_MSG.link }),
  ),
  key: z.string({ error: REPORT_MSG.key }).check(z.regex(KEY_RE, { error: REPORT_MSG.key }), z.toLowerCase()),
});
export type ReportForm = z.infer<typeof reportFormSchema>;
export type ReportField = keyof ReportForm;

export const REPORT_FIELDS = Object.keys(reportFormSchema.shape) as ReportField[];

const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
const isoInstant = z.string();

/** A period of a recurring activity that may still be reported. */
export const periodViewSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Codes of the form's schools whose report for it is overdue: it ended without their «Выполнено». */
  overdueFor: z.array(z.string()),
});
export type PeriodView = z.infer<typeof periodViewSchema>;

/** A report already stored in `Отчёты`, as the sidebar shows it. Times are ISO strings. */
export const reportViewSchema = z.object({
  time: isoInstant,
  user: z.string(),
  schoolCode: z.string(),
  activityId: z.string(),
  period: z.string(),
  status: z.string(),
  fact: z.string(),
  comment: z.string(),
  link: z.string(),
});
export type ReportView = z.infer<typeof reportViewSchema>;

/** One activity the user may report on. */
export const activityViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  section: z.string(),
  deadlineText: z.string(),
  /** Next or missed due date, if the deadline has one. */
  due: z.optional(isoDate),
  planned: z.string(),
  indicator: z.string(),
  /** The planned value is a number, so the fact must be one too. */
  numericFact: z.boolean(),
  /** Computed status («Просрочено», «Скоро срок»…) and its note. */
  status: z.string(),
  statusNote: z.string(),
  periodic: z.boolean(),
  /** For periodic activities (recurring, or several dates): the periods that may be reported now. */
  periods: z.array(periodViewSchema),
});
export type ActivityView = z.infer<typeof activityViewSchema>;

export const schoolViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** Ids of the activities that concern this school. */
  activityIds: z.array(z.string()),
});
export type SchoolView = z.infer<typeof schoolViewSchema>;

/** What `getReportFormData` returns on success. */
export const reportFormDataSchema = z.object({
  user: z.string(),
  coordinator: z.boolean(),
  today: isoDate,
  /** The spreadsheet's time zone, to show report times as the spreadsheet does. */
  timeZone: z.string(),
  statuses: z.array(z.enum(REPORT_STATUSES)),
  schools: z.array(schoolViewSchema),
  activities: z.array(activityViewSchema),
  /** Previous reports of the user's schools, newest first. */
  reports: z.array(reportViewSchema),
});
export type ReportFormData = z.infer<typeof reportFormDataSchema>;

/** A refusal: a Russian message, tied to a form field when one is at fault. Never a thrown error. */
export const refusedSchema = z.object({
  type: z.literal('refused'),
  field: z.optional(z.enum(REPORT_FIELDS as [ReportField, ...ReportField[]])),
  message: z.string(),
});
export type Refused = z.infer<typeof refusedSchema>;

export const formDataResponseSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ok'), data: reportFormDataSchema }),
  refusedSchema,
]);
export type FormDataResponse = z.infer<typeof formDataResponseSchema>;

export const submitResponseSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ok'),
    /** The stored report (the first one for this key, when the form was sent twice). */
    report: reportViewSchema,
    /** True when the key was already stored: nothing new was appended. */
    duplicate: z.boolean(),
    message: z.string(),
  }),
  refusedSchema,
]);
export type SubmitResponse = z.infer<typeof submitResponseSchema>;

/**
 * A planned value is numeric when it states a quantity («10», «не менее 3», «100%», «снижение на 10%»),
 * read by the indicator grammar; yes/no indicators («наличие») and text are not.
 */
export function isNumericPlanned(planned: string): boolean {
  const v = parseIndicatorValue(planned);
  return v.readable && v.value !== null && !v.presence;
}

/**
 * Parses an untrusted form. The first problem wins and names its field, so the sidebar can show the
 * message next to it.
 */
export function parseReportForm(
  input: unknown,
): { ok: true; form: ReportForm } | { ok: false; refused: Refused } {
  const r = reportFormSchema.safeParse(input);
  if (r.success) return { ok: true, form: r.data };
  const issue = r.error.issues[0];
  const head = issue?.path[0];
  const field = REPORT_FIELDS.find((f) => f === head);
  const message = field ? (issue?.message ?? REPORT_MSG.invalidForm) : REPORT_MSG.invalidForm;
  return { ok: false, refused: field ? { type: 'refused', field, message } : { type: 'refused', message } };
}

/** A count or a share reported as a fact is never this large (1e308 is a typo or an attack, not a count). */
export const FACT_NUMBER_MAX = 1e9;
/** A minus sign or dash before the number: the indicator grammar reads «-5» as a range dash, not a sign. */
const NEGATIVE = /^\s*[-‐‑‒–—―−]\s*\d/;

/**
 * Checks the fact against the activity's indicator: where the planned value is numeric, one number that
 * is not negative, not absurdly large, and at most 100 when the plan is a share in % (not a change).
 */
export function checkFact(fact: string, numeric: boolean, planned = ''): Refused | undefined {
  if (!numeric || fact === '') return undefined;
  const refused = (message: string): Refused => ({ type: 'refused', field: 'fact', message });
  if (NEGATIVE.test(fact)) return refused(REPORT_MSG.factNegative);
  const v = parseIndicatorValue(fact);
  if (!v.readable || v.value === null || v.presence || !Number.isFinite(v.value))
    return refused(REPORT_MSG.factNumber);
  if (v.value > FACT_NUMBER_MAX) return refused(REPORT_MSG.factTooLarge);
  const plan = parseIndicatorValue(planned);
  const share = plan.readable && plan.unit === '%' && plan.change === undefined;
  if (share && (v.unit === '%' || v.unit === '') && v.value > 100) return refused(REPORT_MSG.factShare);
  return undefined;
}
