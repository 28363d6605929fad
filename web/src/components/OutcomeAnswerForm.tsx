import { Alert, Button, Card, Checkbox, Group, NumberInput, Radio, SimpleGrid, Stack } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { PLATFORMS, REVENUE_BANDS, type OutcomeAnswer } from '../api/outcomes.ts';

type Form = { revenueBand: string; onlineSharePercent: number | ''; workersPaid: number | ''; workersUnpaid: number | ''; workersWomen: number | ''; newHires: number | ''; platforms: string[] };
const EMPTY: Form = { revenueBand: '', onlineSharePercent: '', workersPaid: '', workersUnpaid: '', workersWomen: '', newHires: '', platforms: [] };

/** What the form sends: blanks go as they are, and the server names every problem (one place for the rules). */
const toAnswer = (f: Form, asksNewHires: boolean): OutcomeAnswer =>
  ({
    revenueBand: f.revenueBand,
    onlineSharePercent: f.onlineSharePercent === '' ? undefined : f.onlineSharePercent,
    workersPaid: f.workersPaid === '' ? undefined : f.workersPaid,
    workersUnpaid: f.workersUnpaid === '' ? undefined : f.workersUnpaid,
    workersWomen: f.workersWomen === '' ? undefined : f.workersWomen,
    newHires: asksNewHires && f.newHires !== '' ? f.newHires : null,
    platforms: f.platforms,
  }) as OutcomeAnswer;

/**
 * The outcome survey's questions (revenue band, online share of sales, workers, new hires,
 * platforms), answered by the participant through a link or entered by a mentor. The server
 * checks the answer; its field messages (`answer.<field>`) appear under the fields, and
 * `errorOf` picks the message of a whole-form problem (a spent link, a phase answered).
 */
export function OutcomeAnswerForm({
  asksNewHires,
  onSubmit,
  pending,
  error,
  errorOf,
  intro,
}: {
  asksNewHires: boolean;
  onSubmit: (answer: OutcomeAnswer) => void;
  pending: boolean;
  error: Error | null;
  errorOf: (fields: Record<string, string>) => string | undefined;
  intro?: ReactNode;
}) {
  const { t } = useTranslation();
  const [form, setForm] = useState<Form>(EMPTY);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const number = (v: string | number): number | '' => (v === '' ? '' : Number(v));
  const errorFields = error && isApiError(error) ? error.fields : {};
  const fieldError = (name: string) => errorFields[`answer.${name}`];

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(toAnswer(form, asksNewHires));
      }}
      noValidate
    >
      <Stack gap="md">
        {intro}
        {error && (
          <Alert color="red" role="alert">
            {errorOf(errorFields) ?? error.message}
          </Alert>
        )}
        <Card withBorder padding="sm">
          <Radio.Group label={t('outcomeSurvey.revenueBand')} description={t('outcomeSurvey.revenueHint')} value={form.revenueBand} onChange={(v) => set('revenueBand', v)} error={fieldError('revenueBand')} required>
            <Stack gap="xs" mt="xs">
              {REVENUE_BANDS.map((b) => (
                <Radio key={b} value={b} label={t(`outcomeSurvey.bands.${b}`)} size="md" />
              ))}
            </Stack>
          </Radio.Group>
        </Card>
        <NumberInput
          label={t('outcomeSurvey.onlineShare')}
          description={t('outcomeSurvey.onlineShareHint')}
          suffix=" %"
          min={0}
          max={100}
          allowDecimal={false}
          value={form.onlineSharePercent}
          onChange={(v) => set('onlineSharePercent', number(v))}
          error={fieldError('onlineSharePercent')}
          required
          size="md"
          inputMode="numeric"
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <NumberInput label={t('outcomeSurvey.workersPaid')} min={0} allowDecimal={false} value={form.workersPaid} onChange={(v) => set('workersPaid', number(v))} error={fieldError('workersPaid')} required size="md" inputMode="numeric" />
          <NumberInput label={t('outcomeSurvey.workersUnpaid')} min={0} allowDecimal={false} value={form.workersUnpaid} onChange={(v) => set('workersUnpaid', number(v))} error={fieldError('workersUnpaid')} required size="md" inputMode="numeric" />
          <NumberInput label={t('outcomeSurvey.workersWomen')} min={0} allowDecimal={false} value={form.workersWomen} onChange={(v) => set('workersWomen', number(v))} error={fieldError('workersWomen')} required size="md" inputMode="numeric" />
          {asksNewHires && (
            <NumberInput label={t('outcomeSurvey.newHires')} min={0} allowDecimal={false} value={form.newHires} onChange={(v) => set('newHires', number(v))} error={fieldError('newHires')} size="md" inputMode="numeric" />
          )}
        </SimpleGrid>
        <Checkbox.Group label={t('outcomeSurvey.platforms')} value={form.platforms} onChange={(v) => set('platforms', v)} error={fieldError('platforms')}>
          <SimpleGrid cols={2} mt="xs" spacing="xs">
            {PLATFORMS.map((p) => (
              <Checkbox key={p} value={p} label={t(`outcomeSurvey.platform.${p}`)} size="md" />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Group>
          <Button type="submit" size="lg" fullWidth loading={pending}>
            {t('outcomeSurvey.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
