/** Risk profiles: questionnaire responses → per school × factor score, level and respondents; district summary; unmatched responses. */
import { UserError } from './errors';
import { count as countOf, NOUNS, plural } from './plural';
import { duplicateProblems, findDuplicates } from './duplicates';
import { a1, cellText, type CellValue, type Grid } from './grid';
import { answerReader, parseRole, scaleText } from './likert';
import { SHEETS } from './messages';
import type { Questionnaire } from './questionnaire';
import { ROLES, type RiskFactor, type Role } from './risk-catalog';
import type { Problem } from './roadmap-model';
import { SchoolMatcher, type School } from './schools';
import type { Settings } from './settings';

export const LEVEL = {
  low: 'низкий',
  medium: 'средний',
  high: 'высокий',
  noData: 'недостаточно данных',
} as const;
export type RiskLevel = (typeof LEVEL)[keyof typeof LEVEL];
/** Levels from the most to the least alarming, as the summary lists them. */
export const LEVELS: readonly RiskLevel[] = [LEVEL.high, LEVEL.medium, LEVEL.low, LEVEL.noData];

export type RiskThresholds = Pick<Settings, 'mediumRiskFrom' | 'highRiskFrom'>;

/** Thresholds are typed numbers such as 0.35 that floating point may hold a hair off: compared with this slack. */
const EDGE = 1e-9;

/** Decimal places in a threshold as typed (0.35 → 2, 0.355 → 3), at most 4. */
function decimals(x: number): number {
  for (let d = 0; d < 4; d++) if (Math.abs(x * 10 ** d - Math.round(x * 10 ** d)) < EDGE) return d;
  return 4;
}

/**
 * Decimal places a score is shown with: two, or as many as a threshold has. The level is decided on the
 * score so rounded, so «0,6» can never stand next to «средний» under «высокий от 0,6».
 */
export function scoreDigits(t: RiskThresholds): number {
  return Math.max(2, decimals(t.mediumRiskFrom), decimals(t.highRiskFrom));
}

/** The score as the sheet shows it (rounded to scoreDigits places). */
export function shownScore(score: number, t: RiskThresholds): number {
  const k = 10 ** scoreDigits(t);
  // The EDGE nudge rounds a mean stored as 0.34999999999999998 the way it prints, to 0.35.
  return Math.round(score * k + EDGE) / k;
}

/** The level of a score in 0..1: from `highRiskFrom` высокий, from `mediumRiskFrom` средний, below низкий (edges go up). */
export function riskLevel(score: number, t: RiskThresholds): 'низкий' | 'средний' | 'высокий' {
  if (score + EDGE >= t.highRiskFrom) return LEVEL.high;
  if (score + EDGE >= t.mediumRiskFrom) return LEVEL.medium;
  return LEVEL.low;
}

/** The level of a profile cell, decided on its score as shown (see scoreDigits). */
export function shownLevel(score: number, t: RiskThresholds): 'низкий' | 'средний' | 'высокий' {
  return riskLevel(shownScore(score, t), t);
}

export interface ProfileCell {
  /** Weighted mean risk value, 0..1; null when nobody answered. */
  score: number | null;
  level: RiskLevel;
  /** Respondents who answered at least one question of the factor. */
  respondents: number;
  byRole: Record<Role, number>;
}

export interface SchoolProfile {
  school: School;
  /** One cell per factor, in catalogue order. */
  cells: ProfileCell[];
  /** Matched responses of the school by role. */
  byRole: Record<Role, number>;
  high: number;
  medium: number;
}

export interface UnmatchedResponse {
  /** 1-based row in `Ответы`. */
  row: number;
  school: string;
  role: string;
  reason: string;
}

export interface FactorSummary {
  factor: RiskFactor;
  /** Schools at each level. */
  counts: Record<RiskLevel, number>;
}

export interface RiskProfiles {
  factors: RiskFactor[];
  schools: SchoolProfile[];
  summary: FactorSummary[];
  unmatched: UnmatchedResponse[];
  /** Warnings about `Ответы` and `Анкета`: questions without a column, answers the scale cannot read. */
  problems: Problem[];
  /** Non-empty response rows, and how many of them were matched to a school and a role. */
  responses: number;
  matched: number;
  /** Repeated submissions counted once (same address, same answers, within the window). */
  merged: number;
}

export interface ProfileInput {
  /** `Ответы` with its header row. */
  responses: Grid;
  questionnaire: Pick<Questionnaire, 'factors' | 'questions'>;
  schools: readonly School[];
  settings: RiskThresholds &
    Pick<Settings, 'minRespondents'> &
    Partial<Pick<Settings, 'duplicateWindowMinutes' | 'aggregation'>>;
}

const norm = (v: unknown): string => cellText(v).toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
const SCHOOL_COLUMN = /школ|организац|учрежден|^оо$|^оу$/;
/** A header that is only a school field («Школа», «Ваша школа», «Наименование ОО»), preferred over questions that mention schools. */
const SCHOOL_FIELD =
  /^(?:ваша |ваше |наименование |название |полное наименование |краткое наименование )?(?:школа|оо|оу|образовательная организация|образовательное учреждение|учреждение)(?: \(.*\))?[:?]?$/;
const ROLE_COLUMN = /рол|респондент|являетесь|кто вы|категори|статус/;
const ROLE_BIT: Record<Role, number> = { директор: 1, учитель: 2, ученик: 4, родитель: 8 };

const zeroRoles = (): Record<Role, number> => ({ директор: 0, учитель: 0, ученик: 0, родитель: 0 });

interface ColumnPlan {
  col: number;
  factor: number;
  roleMask: number;
  weight: number;
  read: (v: unknown) => number;
  header: string;
  scale: string;
  unreadable: number;
  firstBad: { row: number; value: string } | null;
}

/**
 * Builds the profiles in one pass over the responses: each question column is planned once (factor,
 * role filter, weight, reader), sums go to typed arrays indexed by school × factor. Responses whose school
 * matches none or several schools, or whose role is unknown, are listed and skipped.
 * Throws UserError when `Ответы` has no school or role column.
 */
export function buildProfiles(input: ProfileInput): RiskProfiles {
  const { responses, questionnaire, schools, settings } = input;
  const factors = questionnaire.factors;
  const nF = factors.length;
  const nS = schools.length;
  const R = ROLES.length;
  const problems: Problem[] = [];
  const header = responses[0] ?? [];

  const byHeader = new Map<string, number>();
  questionnaire.questions.forEach((q, i) => byHeader.set(norm(q.header), i));
  const factorIndex = new Map(factors.map((f, i) => [f.code, i]));
  const plans: ColumnPlan[] = [];
  const used = new Set<number>();
  const schoolCols: number[] = [];
  let roleCol = -1;
  header.forEach((h, col) => {
    const qi = byHeader.get(norm(h));
    const q = qi === undefined ? undefined : questionnaire.questions[qi];
    if (q) {
      used.add(qi as number);
      plans.push({
        col,
        factor: factorIndex.get(q.factor) ?? -1,
        roleMask: q.roles.reduce((m, r) => m | ROLE_BIT[r], 0),
        weight: q.weight,
        read: answerReader(q.scale, q.reversed),
        header: q.header,
        scale: scaleText(q.scale),
        unreadable: 0,
        firstBad: null,
      });
    } else if (SCHOOL_COLUMN.test(norm(h))) schoolCols.push(col);
    else if (roleCol < 0 && ROLE_COLUMN.test(norm(h))) roleCol = col;
  });
  const fieldCols = schoolCols.filter((c) => SCHOOL_FIELD.test(norm(header[c])));
  if (fieldCols.length > 0) schoolCols.splice(0, schoolCols.length, ...fieldCols);
  if (schoolCols.length === 0) {
    throw new UserError(
      `В листе «${SHEETS.responses}» не найден столбец со школой.`,
      'Назовите столбец со школой респондента «Школа» (строка 1 листа «Ответы»).',
    );
  }
  if (roleCol < 0) {
    throw new UserError(
      `В листе «${SHEETS.responses}» не найден столбец с ролью респондента.`,
      'Назовите столбец «Роль» (директор, учитель, ученик, родитель) в строке 1 листа «Ответы».',
    );
  }
  questionnaire.questions.forEach((q, i) => {
    if (used.has(i)) return;
    problems.push({
      severity: 'предупреждение',
      sheet: SHEETS.questionnaire,
      cell: a1(q.row, 1),
      message: `Столбца «${q.header}» нет в листе «${SHEETS.responses}», ответы на этот вопрос не учтены.`,
      fix: 'Скопируйте заголовок столбца из листа «Ответы» точно, со всеми знаками.',
    });
  });
  const active = plans.filter((p) => p.factor >= 0);
  const nP = active.length;
  const byQuestion = settings.aggregation === 'по вопросам';
  const windowMinutes = settings.duplicateWindowMinutes ?? 10;
  const duplicates = findDuplicates(responses, windowMinutes);
  problems.push(...duplicateProblems(duplicates, windowMinutes));

  const sumW = new Float64Array(nS * nF);
  const sumWV = new Float64Array(nS * nF);
  const resp = new Int32Array(nS * nF * R);
  const schoolRoles = new Int32Array(nS * R);
  // «по вопросам»: sums and counts per school × question, folded into sumW and sumWV after the pass.
  const qSum = new Float64Array(byQuestion ? nS * nP : 0);
  const qCount = new Int32Array(byQuestion ? nS * nP : 0);
  const touchedAt = new Int32Array(nF).fill(-1);
  const touched = new Int32Array(nF);

  const matcher = new SchoolMatcher(schools);
  const schoolIndex = new Map(schools.map((s, i) => [s, i]));
  const roleCache = new Map<string, number>();
  const roleOf = (v: CellValue | undefined): number => {
    const t = cellText(v);
    let r = roleCache.get(t);
    if (r === undefined) {
      const role = parseRole(t);
      r = role === undefined ? -1 : ROLES.indexOf(role);
      roleCache.set(t, r);
    }
    return r;
  };

  const unmatched: UnmatchedResponse[] = [];
  let count = 0;
  let matched = 0;
  for (let r = 1; r < responses.length; r++) {
    const row = responses[r];
    if (!row || row.every((c) => c === '' || c === null || c === undefined)) continue;
    count++;
    if (duplicates.merged.has(r)) continue;
    let schoolText = '';
    for (const c of schoolCols) {
      schoolText = cellText(row[c]);
      if (schoolText) break;
    }
    const roleText = cellText(row[roleCol]);
    const found = schoolText ? matcher.match(schoolText) : [];
    const role = roleOf(row[roleCol]);
    const reasons: string[] = [];
    if (!schoolText) reasons.push('школа не указана');
    else if (found.length === 0) reasons.push(`школа не найдена в листе «${SHEETS.schools}»`);
    else if (found.length > 1)
      reasons.push(`подходит к нескольким школам: ${found.map((s) => s.code).join(', ')}`);
    if (role < 0) reasons.push(roleText ? `неизвестная роль «${roleText}»` : 'роль не указана');
    if (reasons.length > 0) {
      unmatched.push({ row: r + 1, school: schoolText, role: roleText, reason: reasons.join('; ') });
      continue;
    }
    matched++;
    const s = schoolIndex.get(found[0]) as number;
    schoolRoles[s * R + role]++;
    const bit = 1 << role;
    let nTouched = 0;
    const base = s * nF;
    for (let p = 0; p < active.length; p++) {
      const plan = active[p];
      if ((plan.roleMask & bit) === 0) continue;
      const v = row[plan.col];
      if (v === '' || v === null || v === undefined) continue;
      const x = plan.read(v);
      if (x !== x) {
        if (plan.unreadable++ === 0) plan.firstBad = { row: r + 1, value: cellText(v) };
        continue;
      }
      if (x < 0) continue;
      if (byQuestion) {
        qSum[s * nP + p] += x;
        qCount[s * nP + p]++;
      } else {
        const k = base + plan.factor;
        sumW[k] += plan.weight;
        sumWV[k] += plan.weight * x;
      }
      if (touchedAt[plan.factor] !== r) {
        touchedAt[plan.factor] = r;
        touched[nTouched++] = plan.factor;
      }
    }
    for (let t = 0; t < nTouched; t++) resp[(base + touched[t]) * R + role]++;
  }

  if (byQuestion) {
    for (let s = 0; s < nS; s++) {
      for (let p = 0; p < nP; p++) {
        const n = qCount[s * nP + p];
        if (n === 0) continue;
        const plan = active[p];
        const k = s * nF + plan.factor;
        sumW[k] += plan.weight;
        sumWV[k] += (plan.weight * qSum[s * nP + p]) / n;
      }
    }
  }

  for (const p of active) {
    if (!p.firstBad) continue;
    problems.push({
      severity: 'предупреждение',
      sheet: SHEETS.responses,
      cell: a1(p.firstBad.row, p.col + 1),
      message: `В столбце «${p.header}» ${countOf(p.unreadable, NOUNS.answer)} ${plural(p.unreadable, ['не подходит', 'не подходят', 'не подходят'])} к шкале «${p.scale}», например «${p.firstBad.value}»; они не учтены.`,
      fix: 'Исправьте шкалу вопроса в листе «Анкета» или сами ответы.',
    });
  }

  const min = settings.minRespondents;
  const summary: FactorSummary[] = factors.map((factor) => ({
    factor,
    counts: { высокий: 0, средний: 0, низкий: 0, 'недостаточно данных': 0 },
  }));
  const profiles: SchoolProfile[] = schools.map((school, s) => {
    const byRole = zeroRoles();
    ROLES.forEach((role, i) => (byRole[role] = schoolRoles[s * R + i]));
    let high = 0;
    let medium = 0;
    const cells = factors.map((_, f): ProfileCell => {
      const k = s * nF + f;
      const cellRoles = zeroRoles();
      let respondents = 0;
      ROLES.forEach((role, i) => {
        const n = resp[k * R + i];
        cellRoles[role] = n;
        respondents += n;
      });
      const w = sumW[k];
      const score = w > 0 ? sumWV[k] / w : null;
      const level: RiskLevel =
        score === null || respondents < min ? LEVEL.noData : shownLevel(score, settings);
      if (level === LEVEL.high) high++;
      if (level === LEVEL.medium) medium++;
      summary[f].counts[level]++;
      return { score, level, respondents, byRole: cellRoles };
    });
    return { school, cells, byRole, high, medium };
  });

  return {
    factors: [...factors],
    schools: profiles,
    summary,
    unmatched,
    problems,
    responses: count,
    matched,
    merged: duplicates.merged.size,
  };
}
