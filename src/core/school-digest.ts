/**
 * Reminders to schools: each reporter of a school gets the school's own overdue and soon-due activities
 * (by the school's own status, so the schools that have reported drop out) with the school's personal
 * report link. The mail itself is the ordinary reminder digest, addressed to the reporter.
 */
import { buildDigests, type DigestInput } from './digest';
import type { ActivityStatus } from './layouts';
import type { Mail } from './mail-format';
import type { Activity } from './roadmap-model';
import type { School } from './schools';

export interface SchoolDigestInput extends Omit<DigestInput, 'schools'> {
  schools: readonly School[];
  /** Activity id → codes of the schools that must report it. */
  assigned: ReadonlyMap<string, readonly string[]>;
  /** The reporter's personal link, '' when links are not set up yet. */
  linkOf: (school: School, reporter: string) => string;
}

/** One reminder per school and reporter address that has something overdue or due soon. */
export function buildSchoolDigests(input: SchoolDigestInput): Mail[] {
  const mails: Mail[] = [];
  for (const school of input.schools) {
    if (school.reporters.length === 0) continue;
    const own: Activity[] = [];
    const statuses = new Map<string, ActivityStatus>();
    for (const activity of input.activities) {
      if (!input.assigned.get(activity.id)?.includes(school.code)) continue;
      const status = input.statuses.get(activity.id)?.bySchool?.get(school.code);
      if (!status || (status.status !== 'Просрочено' && status.status !== 'Скоро срок')) continue;
      own.push(activity);
      statuses.set(activity.id, status);
    }
    if (own.length === 0) continue;
    const name = school.shortName || school.fullName || school.code;
    for (const reporter of new Set(school.reporters.map((r) => r.toLowerCase()))) {
      const activities = own.map((a) => ({ ...a, responsible: [{ name, email: reporter }] }));
      const link = input.linkOf(school, reporter);
      const { mails: digest } = buildDigests({
        ...input,
        activities,
        statuses,
        // Escalation stays with the district's digests: a school's list never goes to coordinators twice.
        // The coordinators' addresses still tell the school whom to ask («Контакт координатора» when empty).
        settings: {
          ...input.settings,
          coordinators: [],
          coordinatorContact:
            input.settings.coordinatorContact.trim() || input.settings.coordinators.join(', '),
        },
        schools: [{ name, reporters: [reporter], ...(link ? { reportLink: link } : {}) }],
      });
      mails.push(...digest);
    }
  }
  return mails;
}
