import { Alert, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client.ts';
import { useAnswerSurvey, useOpenSurvey } from '../api/outcomes.ts';
import { OutcomeAnswerForm } from '../components/OutcomeAnswerForm.tsx';
import { PublicFrame, tokenFromLocation } from '../components/PublicFrame.tsx';
import { PageLoader } from '../components/QueryState.tsx';

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
          <OutcomeAnswerForm
            asksNewHires={survey.asksNewHires}
            onSubmit={(value) => answer.mutate(value)}
            pending={answer.isPending}
            error={answer.error}
            errorOf={(fields) => fields.token}
            intro={<Text size="sm">{t('outcomeSurvey.intro')}</Text>}
          />
        )}
      </Stack>
    </PublicFrame>
  );
}
