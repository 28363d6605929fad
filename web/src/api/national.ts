import { useQuery } from '@tanstack/react-query';
import { apiFetch } from './client.ts';

/** GET /api/national: reach across all programmes, each MSME and person counted once. */
export type NationalReport = {
  uniqueMsmes: number;
  uniquePersons: number;
  onboardedMsmes: number;
  /** 30 million MSMEs on-boarded digitally. */
  goal: number;
  programmes: number;
  trainedInSeveral: number;
  enrolledInSeveral: number;
  /** Net new workers, each MSME once (first baseline → latest later answer); 0 also when nobody was measured. */
  jobsCreated: number;
  /** MSMEs behind jobsCreated; the others did not answer and are not counted as zero. */
  jobsMsmesMeasured: number;
  /** 4.4 million new jobs in tourism and the creative economy. */
  jobsGoal: number;
};

export function useNational(enabled = true) {
  return useQuery({ queryKey: ['national'], queryFn: ({ signal }) => apiFetch<NationalReport>('/api/national', { signal }), enabled });
}
