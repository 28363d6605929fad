import { Button, CloseButton, Group, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_MODES, type VisitMode } from '../../api/types.ts';
import { localToday } from './mentoring-format.ts';
import { PhotoPicker } from './PhotoPicker.tsx';

export type VisitValues = { visitedOn: string; mode: VisitMode; notes: string; agreedActions: string[]; photos: Blob[] };

/** Photos one visit may carry (the server's limit). */
const MAX_PHOTOS = 10;

/** A mentoring visit as the mentor records it on the phone, also without signal: queued and sent later. */
export function VisitForm({ onSubmit, onCancel }: { onSubmit: (values: VisitValues) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<VisitValues>({ visitedOn: localToday(), mode: 'on_site', notes: '', agreedActions: [''], photos: [] });
  const [dateError, setDateError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<VisitValues>) => setValues((v) => ({ ...v, ...change }));
  const setAction = (index: number, text: string) => setValues((v) => ({ ...v, agreedActions: v.agreedActions.map((a, i) => (i === index ? text : a)) }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.visitedOn)) return setDateError(t('validation.required'));
    if (values.visitedOn > localToday()) return setDateError(t('trainer.mentoring.futureDate'));
    setSaving(true);
    try {
      await onSubmit({ ...values, notes: values.notes.trim(), agreedActions: values.agreedActions.map((a) => a.trim()).filter(Boolean) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <TextInput
          type="date"
          label={t('trainer.mentoring.visitedOn')}
          required
          max={localToday()}
          value={values.visitedOn}
          error={dateError}
          onChange={(event) => {
            set({ visitedOn: event.currentTarget.value });
            setDateError(null);
          }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('trainer.mentoring.mode')}
          </Text>
          <SegmentedControl
            aria-label={t('trainer.mentoring.mode')}
            fullWidth
            value={values.mode}
            onChange={(value) => set({ mode: value as VisitMode })}
            data={VISIT_MODES.map((value) => ({ value, label: t(`visitMode.${value}`) }))}
          />
        </Stack>
        <Textarea label={t('trainer.mentoring.notes')} description={t('trainer.mentoring.notesHint')} autosize minRows={3} maxRows={8} value={values.notes} onChange={(event) => set({ notes: event.currentTarget.value })} />
        <Stack gap={6} role="group" aria-label={t('mentoring.fields.agreedActions')}>
          <Text size="sm" fw={500}>
            {t('mentoring.fields.agreedActions')}
          </Text>
          {values.agreedActions.map((action, index) => (
            <Group key={index} gap={4} wrap="nowrap">
              <TextInput
                aria-label={t('trainer.mentoring.action', { number: index + 1 })}
                placeholder={t('trainer.mentoring.actionPlaceholder')}
                value={action}
                onChange={(event) => setAction(index, event.currentTarget.value)}
                style={{ flex: 1 }}
              />
              {values.agreedActions.length > 1 && (
                <CloseButton aria-label={t('trainer.mentoring.removeAction', { number: index + 1 })} onClick={() => set({ agreedActions: values.agreedActions.filter((_, i) => i !== index) })} />
              )}
            </Group>
          ))}
          {values.agreedActions.length < 20 && (
            <Button variant="subtle" size="compact-sm" onClick={() => set({ agreedActions: [...values.agreedActions, ''] })} style={{ alignSelf: 'flex-start' }}>
              {t('trainer.mentoring.addAction')}
            </Button>
          )}
        </Stack>
        <PhotoPicker photos={values.photos} onChange={(photos) => set({ photos })} max={MAX_PHOTOS} />
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving}>
            {t('trainer.mentoring.saveVisit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
