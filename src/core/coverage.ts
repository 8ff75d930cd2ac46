/** Coverage: which roadmap activities address each school's high and medium risks. */
import type { RiskFactor } from './risk-catalog';
import { LEVEL, type RiskProfiles } from './risk';
import type { Activity } from './roadmap-model';
import { reachOfParties, type PartyReach, type School } from './schools';

export interface CoverageRow {
  school: School;
  factor: RiskFactor;
  level: 'высокий' | 'средний';
  score: number;
  /** Activities that address the factor and reach the school, each with why; empty means «не покрыт». */
  matches: CoverageMatch[];
}

/** An activity covering a risk, and why: whose it is and where its factor comes from. */
export interface CoverageMatch {
  activity: Activity;
  /** The responsible party that names the school, or that means all schools («ОО», «ШНОР»). */
  party: string;
  allSchools: boolean;
  /** «столбец «Фактор риска»» or «раздел 1.2». */
  factorSource: string;
}

/** Where an activity's factors come from, as a coverage line says it. */
interface FactorMatch {
  factors: RiskFactor[];
  /** Empty when no factor was found. */
  source: string;
}

/** A section for a coverage line: its number when it has one («раздел 1.2»), else its heading, cut short. */
function sectionName(h: string): string {
  const numbered = /^(\d+(?:\.\d+)*)\.?\s/.exec(h.trim());
  if (numbered) return `раздел ${numbered[1]}`;
  return `раздел «${h.length > 40 ? `${h.slice(0, 39).trimEnd()}…` : h}»`;
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
function factorsNamedIn(text: string, factors: readonly RiskFactor[]): RiskFactor[] {
  const w = words(text);
  return factors.filter((f) => f.keywords.some((k) => hasKeyword(w, k)));
}

/**
 * The factors an activity addresses and where they come from. An explicit «Фактор риска» cell wins: the
 * codes it names («R02», «R02, R09»), else factor names or keywords in it. Otherwise the innermost section
 * heading that names any factor decides («1.2 Действия, направленные на преодоление дефицита кадров» → R02,
 * even though its parent section also names material resources).
 */
function factorMatch(
  activity: Pick<Activity, 'riskFactor' | 'sectionPath'>,
  factors: readonly RiskFactor[],
): FactorMatch {
  const explicit = activity.riskFactor.trim();
  if (explicit) {
    const source = 'столбец «Фактор риска»';
    const tokens = new Set(explicit.toLowerCase().split(/[\s,;]+/));
    const byCode = factors.filter((f) => tokens.has(f.code.toLowerCase()));
    if (byCode.length > 0) return { factors: byCode, source };
    const lower = explicit.toLowerCase();
    const byName = factors.filter((f) => lower.includes(f.name.toLowerCase()));
    return { factors: byName.length > 0 ? byName : factorsNamedIn(explicit, factors), source };
  }
  for (let i = activity.sectionPath.length - 1; i >= 0; i--) {
    const heading = activity.sectionPath[i] ?? '';
    const found = factorsNamedIn(heading, factors);
    if (found.length > 0) return { factors: found, source: sectionName(heading) };
  }
  return { factors: [], source: '' };
}

/** Why a match covers: «ответственный «ОО» — все школы; фактор: раздел 1.2». */
export function coverageReason(m: CoverageMatch): string {
  return `ответственный «${m.party}»${m.allSchools ? ' — все школы' : ''}; фактор: ${m.factorSource}`;
}

/**
 * For every high and medium risk of every school (in profile order), the activities that address its
 * factor and whose responsible parties name the school or mean all schools (see reachOfParties).
 */
export function coverage(
  profiles: Pick<RiskProfiles, 'factors' | 'schools'>,
  activities: readonly Activity[],
): CoverageRow[] {
  const schools = profiles.schools.map((p) => p.school);
  const plans = activities.map((a) => {
    const found = factorMatch(a, profiles.factors);
    return {
      activity: a,
      factors: new Set(found.factors.map((f) => f.code)),
      factorSource: found.source,
      reach: null as PartyReach | null,
    };
  });
  const rows: CoverageRow[] = [];
  for (const p of profiles.schools) {
    p.cells.forEach((cell, f) => {
      if ((cell.level !== LEVEL.high && cell.level !== LEVEL.medium) || cell.score === null) return;
      const factor = profiles.factors[f];
      const matches: CoverageMatch[] = [];
      for (const plan of plans) {
        if (!plan.factors.has(factor.code)) continue;
        plan.reach ??= reachOfParties(plan.activity, schools);
        const named = plan.reach.named.get(p.school);
        const party = named ?? plan.reach.all;
        if (party === undefined) continue;
        matches.push({
          activity: plan.activity,
          party,
          allSchools: named === undefined,
          factorSource: plan.factorSource,
        });
      }
      rows.push({ school: p.school, factor, level: cell.level, score: cell.score, matches });
    });
  }
  return rows;
}
