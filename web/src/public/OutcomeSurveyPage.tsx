import { Alert, Button, Card, Checkbox, Group, NumberInput, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { PLATFORMS, REVENUE_BANDS, useAnswerSurvey, useOpenSurvey, type OutcomeAnswer } from '../api/outcomes.ts';
import { PublicFrame, tokenFromLocation } from '../components/PublicFrame.tsx';
import { PageLoader } from '../components/QueryState.tsx';

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
 * The economic outcome survey on a participant's phone (`/survei#<token>`, a link from WhatsApp,
 * SMS or email): revenue band, online share of sales, workers, new hires, platforms. Made for a
 * 360 px screen: one column, large touch targets.
 */
export default function OutcomeSurveyPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromLocation);
  const opened = useOpenSurvey(token);
  const answer = useAnswerSurvey(token);
  const [form, setForm] = useState<Form>(EMPTY);
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const number = (v: string | number): number | '' => (v === '' ? '' : Number(v));

  if (!token) {
    return (
      <PublicFrame width={480}>
        <Alert color="red" title={t('outcomeSurvey.title')}>
          {t('outcomeSurvey.noToken')}
        </Alert>
      </PublicFrame>
    );
  }
  if (opened.isPending) return <PageLoader />;
  if (opened.isError) {
    const fields = isApiError(opened.error) ? opened.error.fields : undefined;
    return (
      <PublicFrame width={480}>
        <Alert color="red" title={t('outcomeSurvey.title')} role="alert">
          {fields?.token ?? opened.error.message}
        </Alert>
      </PublicFrame>
    );
  }
  const survey = opened.data;
  const errorFields = answer.error && isApiError(answer.error) ? answer.error.fields : {};
  const fieldError = (name: string) => errorFields[`answer.${name}`];
  const done = answer.isSuccess;

  return (
    <PublicFrame width={480}>
      <Stack gap="md">
        <div>
          <Title order={1} size="h3">
            {t('outcomeSurvey.title')}
          </Title>
          <Text c="dimmed" size="sm">
            {survey.programme} · {t(`outcomeSurvey.phase.${survey.phase}`)}
          </Text>
          <Text fw={600} mt={4} style={{ overflowWrap: 'anywhere' }}>
            {survey.businessName}
          </Text>
        </div>
        {done ? (
          <Alert color="green" title={t('outcomeSurvey.thanks')} role="status">
            {t('outcomeSurvey.thanksHint')}
          </Alert>
        ) : survey.answered ? (
          <Alert color="blue" role="status">
            {t('outcomeSurvey.alreadyAnswered')}
          </Alert>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              answer.mutate(toAnswer(form, survey.asksNewHires));
            }}
            noValidate
          >
            <Stack gap="md">
              <Text size="sm">{t('outcomeSurvey.intro')}</Text>
              {answer.isError && (
                <Alert color="red" role="alert">
                  {errorFields.token ?? answer.error.message}
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
                {survey.asksNewHires && (
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
                <Button type="submit" size="lg" fullWidth loading={answer.isPending}>
                  {t('outcomeSurvey.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </PublicFrame>
  );
}
