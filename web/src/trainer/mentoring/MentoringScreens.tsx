import type { TrainerRoute } from '../navigation.ts';
import { CaseloadScreen } from './CaseloadScreen.tsx';
import { MsmeScreen } from './MsmeScreen.tsx';

/** The mentoring screens, loaded on demand (kept by the service worker for offline use). */
export default function MentoringScreens({ userId, route }: { userId: string; route: Extract<TrainerRoute, { name: 'caseload' | 'msme' }> }) {
  return route.name === 'msme' ? <MsmeScreen userId={userId} programmeId={route.programmeId} msmeId={route.msmeId} /> : <CaseloadScreen userId={userId} />;
}
