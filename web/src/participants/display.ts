import type { EnrolmentStatus } from '../api/types.ts';

/**
 * A NIK for lists: `3174********0001`, as the server masks it for roles that may not see it.
 * Lists are read over shoulders and on projectors; the full NIK stays on the participant page.
 */
export function maskNik(nik: string | null): string | null {
  if (!nik || nik.includes('*') || nik.length < 8) return nik;
  return `${nik.slice(0, 4)}${'*'.repeat(nik.length - 8)}${nik.slice(-4)}`;
}

export const ENROLMENT_STATUS_COLORS: Record<EnrolmentStatus, string> = {
  registered: 'gray',
  invited: 'blue',
  confirmed: 'cyan',
  attending: 'teal',
  completed: 'green',
  withdrawn: 'red',
};

/** Participants are linked with the programme they were opened from, for the way back. */
export const participantPath = (personId: string, programmeId?: string): string =>
  programmeId ? `/participants/${personId}?program=${programmeId}` : `/participants/${personId}`;
