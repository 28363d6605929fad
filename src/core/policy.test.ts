import { describe, expect, it } from 'vitest';
import { canOnProgramme, canSeeProgramme, NO_RELATION, PROGRAMME_ACTIONS, ROLES, type ProgrammeAction, type ProgrammeRelation, type Role } from './policy.ts';

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
