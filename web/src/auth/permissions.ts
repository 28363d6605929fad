import type { Role } from '../api/types.ts';

/**
 * What each role may do in the interface, mirroring src/core/policy.ts. The server enforces
 * the same rules; this only decides which links and buttons to show.
 */
const ACTION_ROLES = {
  'programme.create': ['admin', 'program_manager'],
  'programme.update': ['admin', 'program_manager'],
  'programme.replicate': ['admin', 'program_manager'],
  'partnership.manage': ['admin', 'program_manager'],
  'site.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'target.manage': ['admin', 'program_manager'],
  'document.read': ['admin', 'program_manager', 'partner_coordinator'],
  // Personal data: never viewers; trainers reach participants through their sessions only.
  'participant.read': ['admin', 'program_manager', 'partner_coordinator'],
  'participant.write': ['admin', 'program_manager', 'partner_coordinator'],
  'participant.import': ['admin', 'program_manager', 'partner_coordinator'],
  'organisation.list': ['admin', 'program_manager'],
  'organisation.manage': ['admin', 'program_manager'],
  'user.manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTION_ROLES;

export function can(role: Role | undefined, action: Action): boolean {
  return role !== undefined && (ACTION_ROLES[action] as readonly Role[]).includes(role);
}
