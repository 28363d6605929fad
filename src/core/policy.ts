/**
 * Who may do what. Route declarations name the roles that may call them (coarse);
 * programme-scoped checks use `canOnProgramme` with the caller's relation to the programme.
 */
export const ROLES = ['admin', 'program_manager', 'partner_coordinator', 'trainer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Everyone signed in. */
export const ANY_ROLE: readonly Role[] = ROLES;

/** How the caller is tied to a programme. */
export type ProgrammeRelation = {
  /** Listed in user_programme. */
  member: boolean;
  /** The caller's organisation owns the programme. */
  ownerOrganisation: boolean;
  /** The caller's organisation is a partner of the programme. */
  partnerOrganisation: boolean;
};

export const NO_RELATION: ProgrammeRelation = { member: false, ownerOrganisation: false, partnerOrganisation: false };

export const PROGRAMME_ACTIONS = [
  'programme.read',
  'programme.update',
  'programme.archive',
  'programme.replicate',
  'partnership.manage',
  'site.manage',
  'target.manage',
  'document.read',
  'member.manage',
  'participant.read',
  'participant.write',
  'participant.import',
  'curriculum.manage',
  'session.read',
  'session.manage',
  'session.roster',
  'attendance.record',
  'campaign.manage',
  'report.read',
  'cascade.read',
  'trainer.certify',
  'mentoring.manage',
  'visit.record',
  'milestone.verify',
  'champion.manage',
  'assessment.record',
  'feedback.record',
  'certificate.issue',
  'certificate.revoke',
  'report.export',
  'results.publish',
  'dashboard.read',
  'impact.read',
  'quality.read',
  'quality.resolve',
  'quality.run',
  'context.manage',
  'outcome.manage',
  'outcome.record',
  'personal_data.reveal',
  'personal_data.export',
  'personal_data.erase',
  'consent.read',
  'consent.record',
  'retention.manage',
] as const;
export type ProgrammeAction = (typeof PROGRAMME_ACTIONS)[number];

export type Actor = { userId: string; role: Role; organisationId: string | null };

/** Whether the caller sees the programme at all; when not, the API answers 404. */
export function canSeeProgramme(actor: Actor, relation: ProgrammeRelation): boolean {
  switch (actor.role) {
    case 'admin':
    case 'viewer':
      return true;
    case 'program_manager':
      return relation.member || relation.ownerOrganisation;
    case 'partner_coordinator':
      return relation.member || relation.partnerOrganisation || relation.ownerOrganisation;
    case 'trainer':
      return relation.member;
  }
}

const PROGRAMME_ACTION_ROLES: Record<ProgrammeAction, readonly Role[]> = {
  'programme.read': ROLES,
  'programme.update': ['admin', 'program_manager'],
  'programme.archive': ['admin', 'program_manager'],
  'programme.replicate': ['admin', 'program_manager'],
  'partnership.manage': ['admin', 'program_manager'],
  'site.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'target.manage': ['admin', 'program_manager'],
  'document.read': ['admin', 'program_manager', 'partner_coordinator'],
  'member.manage': ['admin', 'program_manager'],
  // Personal data: never viewers; trainers reach participants through their sessions only.
  'participant.read': ['admin', 'program_manager', 'partner_coordinator'],
  'participant.write': ['admin', 'program_manager', 'partner_coordinator'],
  'participant.import': ['admin', 'program_manager', 'partner_coordinator'],
  'curriculum.manage': ['admin', 'program_manager'],
  // Sessions without personal data (times, places, counts): everyone who sees the programme.
  'session.read': ROLES,
  // Create and edit sessions and cohorts, assign trainers, enrol participants.
  'session.manage': ['admin', 'program_manager', 'partner_coordinator'],
  // A session's roster (personal data) and its attendance: trainers only on sessions they run (canOnSession).
  'session.roster': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'attendance.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'campaign.manage': ['admin', 'program_manager', 'partner_coordinator'],
  // Aggregates without personal data (people trained by type, champions' ranking, feedback, maturity): not trainers.
  'report.read': ['admin', 'program_manager', 'partner_coordinator', 'viewer'],
  // The ToT cascade: trainers see the branch below themselves; viewers see it without names.
  'cascade.read': ROLES,
  'trainer.certify': ['admin', 'program_manager', 'partner_coordinator'],
  // Assign mentors their caseloads of MSMEs.
  'mentoring.manage': ['admin', 'program_manager', 'partner_coordinator'],
  // Mentoring visits and milestone evidence: trainers only for the MSMEs of their caseload (canOnCaseload).
  'visit.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'milestone.verify': ['admin', 'program_manager', 'partner_coordinator'],
  'champion.manage': ['admin', 'program_manager', 'partner_coordinator'],
  // Maturity questionnaires and paper test results: trainers for their caseload and their sessions' rosters.
  'assessment.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  // Feedback forms collected on paper: trainers on the sessions they run (canOnSession).
  'feedback.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'certificate.issue': ['admin', 'program_manager', 'partner_coordinator'],
  'certificate.revoke': ['admin', 'program_manager'],
  // XLSX/PDF reports of the indicators (aggregates only; small cells suppressed for viewers): as report.read.
  'report.export': ['admin', 'program_manager', 'partner_coordinator', 'viewer'],
  // Publish (or withdraw) the programme's public results page: its managers.
  'results.publish': ['admin', 'program_manager'],
  // The programme dashboard (aggregates only; small cells suppressed for viewers): everyone who sees the programme.
  'dashboard.read': ROLES,
  // Impact estimates (aggregates; groups under 5 people suppressed for viewers): as report.read.
  'impact.read': ['admin', 'program_manager', 'partner_coordinator', 'viewer'],
  // Data-quality tasks name sessions and participants by id: not viewers; trainers only the tasks routed to them (canOnQualityTask).
  'quality.read': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'quality.resolve': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'quality.run': ['admin', 'program_manager', 'partner_coordinator'],
  // Destination context (series, figures, imports, events calendar): read by everyone who sees the programme.
  'context.manage': ['admin', 'program_manager', 'partner_coordinator'],
  // Send outcome survey rounds to the programme's MSMEs and see their response counts.
  'outcome.manage': ['admin', 'program_manager', 'partner_coordinator'],
  // Enter an MSME's outcome answers: trainers only for the MSMEs of their caseload (canOnCaseload).
  'outcome.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  // Personal data under UU PDP: the full NIK to those who need it (each reveal audited); export and
  // erasure on a person's behalf by admins only; consent kept by the organisers; retention by managers.
  'personal_data.reveal': ['admin', 'program_manager'],
  'personal_data.export': ['admin'],
  'personal_data.erase': ['admin'],
  'consent.read': ['admin', 'program_manager', 'partner_coordinator'],
  'consent.record': ['admin', 'program_manager', 'partner_coordinator'],
  'retention.manage': ['admin', 'program_manager'],
};

export type ProgrammeDecision = 'allow' | 'forbidden' | 'not_found';

/** The decision for an action on one programme: hidden programmes are `not_found`, visible but not permitted `forbidden`. */
export function canOnProgramme(actor: Actor, action: ProgrammeAction, relation: ProgrammeRelation): ProgrammeDecision {
  if (!canSeeProgramme(actor, relation)) return 'not_found';
  return PROGRAMME_ACTION_ROLES[action].includes(actor.role) ? 'allow' : 'forbidden';
}

/**
 * A trainer sees a programme's sessions only where they are assigned as trainer; everyone
 * else sees every session of a programme they see. Hidden sessions are `not_found`.
 */
export function canSeeSession(actor: Actor, relation: ProgrammeRelation, assigned: boolean): boolean {
  if (!canSeeProgramme(actor, relation)) return false;
  return actor.role !== 'trainer' || assigned;
}

/** The decision for an action on one session of a programme (`assigned`: the caller is one of its trainers). */
export function canOnSession(actor: Actor, action: ProgrammeAction, relation: ProgrammeRelation, assigned: boolean): ProgrammeDecision {
  if (!canSeeSession(actor, relation, assigned)) return 'not_found';
  return PROGRAMME_ACTION_ROLES[action].includes(actor.role) ? 'allow' : 'forbidden';
}

/**
 * A mentor sees the MSMEs of a programme only where they are in their own caseload; everyone
 * else who may act sees every MSME of a programme they see (the same shape as sessions).
 */
export function canOnCaseload(actor: Actor, action: ProgrammeAction, relation: ProgrammeRelation, inCaseload: boolean): ProgrammeDecision {
  return canOnSession(actor, action, relation, inCaseload);
}

/**
 * A trainer sees a programme's data-quality tasks only where the task is routed to them;
 * everyone else who may act sees every task of a programme they see (the shape of sessions).
 */
export function canOnQualityTask(actor: Actor, action: ProgrammeAction, relation: ProgrammeRelation, assignedToCaller: boolean): ProgrammeDecision {
  return canOnSession(actor, action, relation, assignedToCaller);
}

/** Roles allowed to create programmes, manage organisations and users. */
export const GLOBAL_ACTION_ROLES = {
  'programme.create': ['admin', 'program_manager'],
  'organisation.read': ROLES,
  'organisation.manage': ['admin', 'program_manager'],
  'user.read': ['admin', 'program_manager'],
  'user.manage': ['admin'],
  'audit.read': ['admin', 'viewer'],
  'region.read': ROLES,
  // National reach and jobs across all programmes (aggregates only): not partners or trainers, who see some programmes only.
  'national.read': ['admin', 'program_manager', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;
export type GlobalAction = keyof typeof GLOBAL_ACTION_ROLES;

export function can(actor: Actor, action: GlobalAction): boolean {
  return (GLOBAL_ACTION_ROLES[action] as readonly Role[]).includes(actor.role);
}
