import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecordOutcome, type SurveyPhase } from '../../api/outcomes.ts';
import type { CaseloadItem } from '../../api/types.ts';
import { OutcomeAnswerForm } from '../../components/OutcomeAnswerForm.tsx';
import { ResponsiveModal } from '../../components/ResponsiveModal.tsx';
import { notifySuccess } from '../../notify.ts';

const PHASES: SurveyPhase[] = ['baseline', 'endline', 'followup'];

/**
 * A mentor's or organiser's entry of an MSME's outcome survey (after a visit or a phone call):
 * the participant's own form, checked by the server with the same rules and messages.
 */
export function OutcomeEntryModal({
  programmeId,
  item,
  onClose,
  onSaved,
}: {
  programmeId: string;
  item: Pick<CaseloadItem, 'msmeId' | 'businessName' | 'ownerName'>;
  onClose: () => void;
  /** Called with the confirmation text (the trainer app shows it on the screen, having no notifications). */
  onSaved?: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<SurveyPhase>('baseline');
  const record = useRecordOutcome(programmeId, item.msmeId);

  return (
    <ResponsiveModal opened onClose={onClose} title={t('mentoring.outcome.title', { business: item.businessName })} size="lg">
      <Stack gap="md">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="outcome-phase-label">
            {t('mentoring.outcome.phase')}
          </Text>
          <SegmentedControl
            aria-labelledby="outcome-phase-label"
            data={PHASES.map((value) => ({ value, label: t(`outcomeSurvey.phase.${value}`) }))}
            value={phase}
            onChange={(value) => {
              setPhase(value as SurveyPhase);
              record.reset();
            }}
            fullWidth
          />
        </Stack>
        <OutcomeAnswerForm
          key={phase}
          asksNewHires={phase !== 'baseline'}
          onSubmit={(answer) =>
            record.mutate(
              { phase, answer },
              {
                onSuccess: () => {
                  const message = t('mentoring.outcome.saved', { business: item.businessName, phase: t(`outcomeSurvey.phase.${phase}`) });
                  notifySuccess(message);
                  onSaved?.(message);
                  onClose();
                },
              },
            )
          }
          pending={record.isPending}
          error={record.error}
          errorOf={(fields) => fields.phase}
          intro={<Text size="sm">{t('mentoring.outcome.intro', { owner: item.ownerName })}</Text>}
        />
      </Stack>
    </ResponsiveModal>
  );
}
