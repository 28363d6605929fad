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
  // Personal data under UU PDP: the full NIK (each reveal audited); export and erasure on the
  // person's behalf by admins; consent kept by the organisers; retention set by managers.
  'personal_data.reveal': ['admin', 'program_manager'],
  'personal_data.export': ['admin'],
  'personal_data.erase': ['admin'],
  'consent.read': ['admin', 'program_manager', 'partner_coordinator'],
  'consent.record': ['admin', 'program_manager', 'partner_coordinator'],
  'retention.manage': ['admin', 'program_manager'],
  'curriculum.manage': ['admin', 'program_manager'],
  // Plan sessions and cohorts, assign trainers, fill rosters.
  'session.manage': ['admin', 'program_manager', 'partner_coordinator'],
  'campaign.manage': ['admin', 'program_manager', 'partner_coordinator'],
  // Aggregates without personal data (champions' ranking, maturity, tests, feedback): not trainers.
  'report.read': ['admin', 'program_manager', 'partner_coordinator', 'viewer'],
  // The ToT cascade: register master trainers, certify trainers from a ToT session.
  'trainer.certify': ['admin', 'program_manager', 'partner_coordinator'],
  'mentoring.manage': ['admin', 'program_manager', 'partner_coordinator'],
  // Enter an MSME's outcome survey answers: mentors for their caseload, organisers for any MSME.
  'outcome.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'milestone.verify': ['admin', 'program_manager', 'partner_coordinator'],
  'champion.manage': ['admin', 'program_manager', 'partner_coordinator'],
  // Read a module's question bank (with the answers); write it: managers.
  'question.read': ['admin', 'program_manager', 'partner_coordinator'],
  'question.manage': ['admin', 'program_manager'],
  // Paper test results and feedback forms typed in: trainers for the sessions they run.
  'assessment.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'feedback.record': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'certificate.issue': ['admin', 'program_manager', 'partner_coordinator'],
  'certificate.revoke': ['admin', 'program_manager'],
  'certificate.settings': ['admin', 'program_manager'],
  // XLSX/PDF indicator reports (viewers get small cells hidden): not trainers.
  'report.export': ['admin', 'program_manager', 'partner_coordinator', 'viewer'],
  // Publish or withdraw the programme's public results page.
  'results.publish': ['admin', 'program_manager'],
  // Impact estimates (aggregates; groups under 5 hidden from viewers): not trainers.
  'impact.read': ['admin', 'program_manager', 'partner_coordinator', 'viewer'],
  // Data-quality tasks (trainers: those routed to them); running the checks: organisers.
  'quality.read': ['admin', 'program_manager', 'partner_coordinator', 'trainer'],
  'quality.run': ['admin', 'program_manager', 'partner_coordinator'],
  'organisation.list': ['admin', 'program_manager'],
  'organisation.manage': ['admin', 'program_manager'],
  'user.manage': ['admin'],
  // The audit trail (viewers: personal values redacted by the server).
  'audit.read': ['admin', 'viewer'],
  // National reach and jobs across all programmes (GET /api/national).
  'national.read': ['admin', 'program_manager', 'viewer'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTION_ROLES;

export function can(role: Role | undefined, action: Action): boolean {
  return role !== undefined && (ACTION_ROLES[action] as readonly Role[]).includes(role);
}
