import { describe, expect, it } from 'vitest';
import { canOnCaseload, canOnProgramme, canOnQualityTask, canOnSession, canSeeProgramme, canSeeSession, NO_RELATION, PROGRAMME_ACTIONS, ROLES, type ProgrammeAction, type ProgrammeRelation, type Role } from './policy.ts';

const relations: Record<string, ProgrammeRelation> = {
  none: NO_RELATION,
  member: { ...NO_RELATION, member: true },
  owner: { ...NO_RELATION, ownerOrganisation: true },
  partner: { ...NO_RELATION, partnerOrganisation: true },
};

/** Expected decisions, written out by hand: role → relation → action → decision. */
const writeRoles: Record<ProgrammeAction, Role[]> = {
  'programme.read': [...ROLES],
  'programme.update': ['admin', 'program_manager'],
  'programme.archive': ['admin', 'program_manager'],
  'programme.replicate': ['admin', 'program_manager'],
  'partnership.manage': ['admin', 'program_manager'],
  'site.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'target.manage': ['admin', 'program_manager'],
  'document.read': ['admin', 'program_manager', 'partner_coordinator'],
  'member.manage': ['admin', 'program_manager'],
  'participant.read': ['admin', 'program_manager', 'partner_coordinator'],
  'participant.write': ['admin', 'program_manager', 'partner_coordinator'],
  'participant.import': ['admin', 'program_manager', 'partner_coordinator'],
  'curriculum.manage': ['admin', 'program_manager'],
  'session.read': [...ROLES],
  'session.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'session.roster': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'attendance.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'campaign.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'report.read': ['admin', 'program_manager', 'partner_coordinator', 'viewer'],
  'cascade.read': [...ROLES],
  'trainer.certify': ['admin', 'program_manager', 'partner_coordinator'],
  'mentoring.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'visit.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'milestone.verify': ['admin', 'program_manager', 'partner_coordinator'],
  'champion.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'assessment.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'feedback.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'certificate.issue': ['admin', 'program_manager', 'partner_coordinator'],
  'certificate.revoke': ['admin', 'program_manager'],
  'report.export': ['admin', 'program_manager', 'partner_coordinator', 'viewer'],
  'results.publish': ['admin', 'program_manager'],
  'dashboard.read': [...ROLES],
  'impact.read': ['admin', 'program_manager', 'partner_coordinator', 'viewer'],
  'quality.read': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'quality.resolve': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'quality.run': ['admin', 'program_manager', 'partner_coordinator'],
  'personal_data.reveal': ['admin', 'program_manager'],
  'personal_data.export': ['admin'],
  'personal_data.erase': ['admin'],
  'consent.read': ['admin', 'program_manager', 'partner_coordinator'],
  'consent.record': ['admin', 'program_manager', 'partner_coordinator'],
  'retention.manage': ['admin', 'program_manager'],
  'context.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'outcome.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'outcome.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
};
const sees: Record<Role, string[]> = {
  admin: ['none', 'member', 'owner', 'partner'],
  viewer: ['none', 'member', 'owner', 'partner'],
  program_manager: ['member', 'owner'],
  partner_coordinator: ['member', 'owner', 'partner'],
  trainer: ['member'],
};

describe('programme policy matrix', () => {
  const cases = ROLES.flatMap((role) =>
    Object.keys(relations).flatMap((relation) => PROGRAMME_ACTIONS.map((action) => ({ role, relation, action }))),
  );
  it.each(cases)('$role on a programme ($relation) → $action', ({ role, relation, action }) => {
    const actor = { userId: 'u', role, organisationId: 'o' };
    const rel = relations[relation] ?? NO_RELATION;
    const visible = sees[role].includes(relation);
    expect(canSeeProgramme(actor, rel)).toBe(visible);
    const expected = !visible ? 'not_found' : writeRoles[action].includes(role) ? 'allow' : 'forbidden';
    expect(canOnProgramme(actor, action, rel)).toBe(expected);
  });
});

describe('session policy matrix', () => {
  const cases = ROLES.flatMap((role) =>
    Object.keys(relations).flatMap((relation) => [true, false].flatMap((assigned) => PROGRAMME_ACTIONS.map((action) => ({ role, relation, assigned, action })))),
  );
  it.each(cases)('$role on a session (programme $relation, assigned $assigned) → $action', ({ role, relation, assigned, action }) => {
    const actor = { userId: 'u', role, organisationId: 'o' };
    const rel = relations[relation] ?? NO_RELATION;
    // Trainers see only the sessions they run, in programmes they are members of.
    const visible = sees[role].includes(relation) && (role !== 'trainer' || assigned);
    expect(canSeeSession(actor, rel, assigned)).toBe(visible);
    const expected = !visible ? 'not_found' : writeRoles[action].includes(role) ? 'allow' : 'forbidden';
    expect(canOnSession(actor, action, rel, assigned)).toBe(expected);
  });
});

describe('caseload policy matrix', () => {
  const cases = ROLES.flatMap((role) =>
    Object.keys(relations).flatMap((relation) => [true, false].flatMap((inCaseload) => PROGRAMME_ACTIONS.map((action) => ({ role, relation, inCaseload, action })))),
  );
  it.each(cases)('$role on an MSME (programme $relation, in caseload $inCaseload) → $action', ({ role, relation, inCaseload, action }) => {
    const actor = { userId: 'u', role, organisationId: 'o' };
    const rel = relations[relation] ?? NO_RELATION;
    // Mentors (trainers) see only the MSMEs of their own caseload.
    const visible = sees[role].includes(relation) && (role !== 'trainer' || inCaseload);
    const expected = !visible ? 'not_found' : writeRoles[action].includes(role) ? 'allow' : 'forbidden';
    expect(canOnCaseload(actor, action, rel, inCaseload)).toBe(expected);
  });
});

describe('data-quality task policy', () => {
  const cases = ROLES.flatMap((role) => Object.keys(relations).flatMap((relation) => [true, false].map((assigned) => ({ role, relation, assigned }))));
  it.each(cases)('$role resolving a task (programme $relation, routed to them $assigned)', ({ role, relation, assigned }) => {
    const actor = { userId: 'u', role, organisationId: 'o' };
    // Trainers see only the tasks routed to them; viewers never resolve (tasks name people by id).
    const visible = sees[role].includes(relation) && (role !== 'trainer' || assigned);
    const expected = !visible ? 'not_found' : role === 'viewer' ? 'forbidden' : 'allow';
    expect(canOnQualityTask(actor, 'quality.resolve', relations[relation] ?? NO_RELATION, assigned)).toBe(expected);
  });
});
