import { Stack } from '@mantine/core';
import type { Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { FeedbackPanel } from './FeedbackPanel.tsx';
import { MaturityPanel } from './MaturityPanel.tsx';
import { QuestionBankPanel } from './QuestionBankPanel.tsx';
import { TestsPanel } from './TestsPanel.tsx';

/** Penilaian: digital maturity baseline → endline, knowledge tests and their question banks, session feedback. */
export function AssessmentsTab({ programme }: { programme: Programme }) {
  const { can } = useCurrentUser();
  return (
    <Stack gap="md">
      <MaturityPanel programmeId={programme.id} />
      <TestsPanel programmeId={programme.id} />
      {can('question.read') && <QuestionBankPanel programme={programme} />}
      <FeedbackPanel programmeId={programme.id} />
    </Stack>
  );
}
