import type { SessionActor } from '../server/context.ts';

/** The actor for command-line and background work: admin rights, recorded in audit with the nil UUID. */
export const SYSTEM_ACTOR: SessionActor = {
  userId: '00000000-0000-0000-0000-000000000000',
  role: 'admin',
  organisationId: null,
  email: 'system@berdaya.local',
  name: 'Sistem',
  sessionId: '',
};
