import { Button, Group, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MILESTONE_KINDS, type MilestoneKind } from '../../api/types.ts';
import { localToday } from './mentoring-format.ts';
import { PhotoPicker } from './PhotoPicker.tsx';

export type MilestoneValues = { kind: MilestoneKind; reachedOn: string; evidenceUrl: string; notes: string; photo: Blob | null };

type Problems = Partial<Record<'kind' | 'reachedOn' | 'evidenceUrl', string>>;

/**
 * A milestone the MSME reached, with evidence: a link (the shop page, the account) or a photo
 * (a screenshot, the QRIS sticker). A coordinator verifies it afterwards.
 */
export function MilestoneForm({ available, onSubmit, onCancel }: { available: MilestoneKind[]; onSubmit: (values: MilestoneValues) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<MilestoneValues>({ kind: available[0] ?? MILESTONE_KINDS[0], reachedOn: localToday(), evidenceUrl: '', notes: '', photo: null });
  const [problems, setProblems] = useState<Problems>({});
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<MilestoneValues>) => {
    setValues((v) => ({ ...v, ...change }));
    setProblems({});
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {};
    const url = values.evidenceUrl.trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.reachedOn)) found.reachedOn = t('validation.required');
    else if (values.reachedOn > localToday()) found.reachedOn = t('trainer.mentoring.futureDate');
    if (url && !/^https?:\/\/\S+\.\S+/i.test(url)) found.evidenceUrl = t('curriculum.urlInvalid');
    if (!url && !values.photo) found.evidenceUrl = t('trainer.mentoring.evidenceNeeded');
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      await onSubmit({ ...values, evidenceUrl: url, notes: values.notes.trim() });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <NativeSelect
          label={t('milestones.fields.kind')}
          data={available.map((value) => ({ value, label: t(`milestoneKind.${value}`) }))}
          value={values.kind}
          onChange={(event) => set({ kind: event.currentTarget.value as MilestoneKind })}
        />
        <TextInput type="date" label={t('trainer.mentoring.reachedOn')} required max={localToday()} value={values.reachedOn} error={problems.reachedOn} onChange={(event) => set({ reachedOn: event.currentTarget.value })} />
        <TextInput
          type="url"
          inputMode="url"
          label={t('trainer.mentoring.evidenceUrl')}
          description={t('trainer.mentoring.evidenceUrlHint')}
          placeholder="https://"
          value={values.evidenceUrl}
          error={problems.evidenceUrl}
          onChange={(event) => set({ evidenceUrl: event.currentTarget.value })}
        />
        <PhotoPicker photos={values.photo ? [values.photo] : []} onChange={(photos) => set({ photo: photos[0] ?? null })} max={1} />
        <Textarea label={t('trainer.mentoring.notes')} autosize minRows={2} value={values.notes} onChange={(event) => set({ notes: event.currentTarget.value })} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('trainer.mentoring.saveMilestone')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
