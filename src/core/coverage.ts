/** Coverage: which roadmap activities address each school's high and medium risks. */
import type { RiskFactor } from './risk-catalog';
import { LEVEL, type RiskProfiles } from './risk';
import type { Activity } from './roadmap-model';
import { schoolsOfActivity, type School } from './schools';

export interface CoverageRow {
  school: School;
  factor: RiskFactor;
  level: 'высокий' | 'средний';
  score: number;
  /** Activities that address the factor and concern the school; empty means «не покрыт». */
  activities: Activity[];
}

function words(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/ё/g, 'е')
      .match(/[a-zа-я0-9]+/g) ?? []
  );
}

/** Whether a keyword («дефицит кадр»: stems that must all begin words) is in a text's words. */
function hasKeyword(textWords: readonly string[], keyword: string): boolean {
  const stems = words(keyword);
  return stems.length > 0 && stems.every((s) => textWords.some((w) => w.startsWith(s)));
}

/** Factors whose keywords occur in a text (a section heading or a «Фактор риска» cell). */
export function factorsNamedIn(text: string, factors: readonly RiskFactor[]): RiskFactor[] {
  const w = words(text);
  return factors.filter((f) => f.keywords.some((k) => hasKeyword(w, k)));
}

/**
 * The factors an activity addresses. An explicit «Фактор риска» cell wins: the codes it names («R02»,
 * «R02, R09»), else factor names or keywords in it. Otherwise the innermost section heading that names
 * any factor decides («1.2 Действия, направленные на преодоление дефицита кадров» → R02, even though its
 * parent section also names material resources).
 */
export function factorsOfActivity(
  activity: Pick<Activity, 'riskFactor' | 'sectionPath'>,
  factors: readonly RiskFactor[],
): RiskFactor[] {
  const explicit = activity.riskFactor.trim();
  if (explicit) {
    const tokens = new Set(explicit.toLowerCase().split(/[\s,;]+/));
    const byCode = factors.filter((f) => tokens.has(f.code.toLowerCase()));
    if (byCode.length > 0) return byCode;
    const lower = explicit.toLowerCase();
    const byName = factors.filter((f) => lower.includes(f.name.toLowerCase()));
    return byName.length > 0 ? byName : factorsNamedIn(explicit, factors);
  }
  for (let i = activity.sectionPath.length - 1; i >= 0; i--) {
    const found = factorsNamedIn(activity.sectionPath[i] ?? '', factors);
    if (found.length > 0) return found;
  }
  return [];
}

/**
 * For every high and medium risk of every school (in profile order), the activities that address its
 * factor and concern the school (see schoolsOfActivity).
 */
export function coverage(
  profiles: Pick<RiskProfiles, 'factors' | 'schools'>,
  activities: readonly Activity[],
): CoverageRow[] {
  const schools = profiles.schools.map((p) => p.school);
  const plans = activities.map((a) => ({
    activity: a,
    factors: new Set(factorsOfActivity(a, profiles.factors).map((f) => f.code)),
    schools: null as Set<School> | null,
  }));
  const rows: CoverageRow[] = [];
  for (const p of profiles.schools) {
    p.cells.forEach((cell, f) => {
      if ((cell.level !== LEVEL.high && cell.level !== LEVEL.medium) || cell.score === null) return;
      const factor = profiles.factors[f];
      const covering: Activity[] = [];
      for (const plan of plans) {
        if (!plan.factors.has(factor.code)) continue;
        plan.schools ??= new Set(schoolsOfActivity(plan.activity, schools));
        if (plan.schools.has(p.school)) covering.push(plan.activity);
      }
      rows.push({ school: p.school, factor, level: cell.level, score: cell.score, activities: covering });
    });
  }
  return rows;
}
