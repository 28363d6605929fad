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
};

export type ProgrammeDecision = 'allow' | 'forbidden' | 'not_found';

/** The decision for an action on one programme: hidden programmes are `not_found`, visible but not permitted `forbidden`. */
export function canOnProgramme(actor: Actor, action: ProgrammeAction, relation: ProgrammeRelation): ProgrammeDecision {
  if (!canSeeProgramme(actor, relation)) return 'not_found';
  return PROGRAMME_ACTION_ROLES[action].includes(actor.role) ? 'allow' : 'forbidden';
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
} as const satisfies Record<string, readonly Role[]>;
export type GlobalAction = keyof typeof GLOBAL_ACTION_ROLES;

export function can(actor: Actor, action: GlobalAction): boolean {
  return (GLOBAL_ACTION_ROLES[action] as readonly Role[]).includes(actor.role);
}
