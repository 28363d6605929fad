import { Alert, Button, Card, Checkbox, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useMaturityQuestionnaire } from '../api/assessments.ts';
import { useReferral, useSelfRegister } from '../api/champions.ts';
import { isApiError } from '../api/client.ts';
import { GENDERS, MATURITY_QUESTIONS, SECTORS, type MaturityAnswers, type MaturityQuestion, type ReferralInfo } from '../api/types.ts';
import { PublicFrame, tokenFromLocation } from '../components/PublicFrame.tsx';
import { PageLoader, QueryError } from '../components/QueryState.tsx';
import { applyServerErrors } from '../forms/server-errors.ts';
import { useSectorLabel } from '../programmes/targets/indicator-label.ts';
import { nikProblem, phoneProblem } from '../trainer/walk-in-rules.ts';

type Values = {
  ownerName: string;
  businessName: string;
  phone: string;
  nik: string;
  email: string;
  gender: string | null;
  sector: string | null;
  regency: string;
  address: string;
  withMaturity: boolean;
  maturity: MaturityQuestion[];
};

/** The optional baseline: "what does your business do online today?", yes/no questions from the server. */
function MaturityQuestions({ value, onChange }: { value: MaturityQuestion[]; onChange: (value: MaturityQuestion[]) => void }) {
  const { t, i18n } = useTranslation();
  const questionnaire = useMaturityQuestionnaire(i18n.language);
  if (questionnaire.isPending) return <PageLoader />;
  if (questionnaire.isError) return <QueryError error={questionnaire.error} onRetry={() => void questionnaire.refetch()} />;
  return (
    <Checkbox.Group value={value} onChange={(next) => onChange(next as MaturityQuestion[])} label={t('register.maturityQuestion')} description={t('register.maturityHint')}>
      <Stack gap={8} mt={8}>
        {questionnaire.data.questions.map((q) => (
          <Checkbox key={q.code} value={q.code} label={q.text} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function RegistrationForm({ token, referral }: { token: string; referral: ReferralInfo }) {
  const { t } = useTranslation();
  const sectorLabel = useSectorLabel();
  const register = useSelfRegister(token);
  const problem = (key: 'required' | 'nik_invalid' | 'phone_invalid' | 'no_identity') => t(`trainer.walkIn.problems.${key}`);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { ownerName: '', businessName: '', phone: '', nik: '', email: '', gender: null, sector: null, regency: '', address: '', withMaturity: false, maturity: [] },
    // The roster's rules, checked here for a quick answer; the server checks them again and says which field.
    validate: {
      ownerName: (value) => (value.trim() ? null : problem('required')),
      businessName: (value) => (value.trim() ? null : problem('required')),
      phone: (value, values) => (!value.trim() && !values.nik.trim() ? problem('no_identity') : phoneProblem(value) ? problem('phone_invalid') : null),
      nik: (value) => (nikProblem(value) ? problem('nik_invalid') : null),
      regency: (value) => (value.trim() ? null : problem('required')),
    },
  });

  if (register.isSuccess)
    return (
      <Card withBorder radius="md" padding="lg" bg="teal.0" role="status" aria-label={t('register.doneTitle')}>
        <Title order={2} fz={22} c="teal.9">
          {t('register.doneTitle')}
        </Title>
        <Text mt="xs">{register.data.message}</Text>
        <Text size="sm" c="dimmed" mt="xs">
          {t('register.doneHint')}
        </Text>
      </Card>
    );

  const tokenProblem = register.isError && isApiError(register.error) ? register.error.fields.token : undefined;
  const submit = form.onSubmit((values) => {
    const maturity: MaturityAnswers | undefined = values.withMaturity ? Object.fromEntries(MATURITY_QUESTIONS.map((q) => [q, values.maturity.includes(q)])) : undefined;
    register.mutate(
      {
        ownerName: values.ownerName.trim(),
        businessName: values.businessName.trim(),
        phone: values.phone.trim(),
        nik: values.nik.trim(),
        email: values.email.trim(),
        gender: values.gender === 'female' || values.gender === 'male' ? values.gender : '',
        sector: values.sector ?? '',
        regency: values.regency.trim(),
        address: values.address.trim(),
        willing: true,
        maturity,
      },
      { onError: (error) => applyServerErrors(form, error) },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Card withBorder radius="md" padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('register.aboutYou')}
            </Title>
            <TextInput label={t('participants.fields.ownerName')} required autoComplete="name" {...form.getInputProps('ownerName')} />
            <TextInput
              label={t('participants.fields.phone')}
              description={t('register.phoneHint')}
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              {...form.getInputProps('phone')}
            />
            <TextInput label={t('participants.fields.nik')} description={t('register.nikHint')} inputMode="numeric" autoComplete="off" maxLength={40} {...form.getInputProps('nik')} />
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <Select label={t('participants.fields.gender')} clearable data={GENDERS.map((value) => ({ value, label: t(`gender.${value}`) }))} {...form.getInputProps('gender')} />
              <TextInput label={t('participants.fields.email')} type="email" autoComplete="email" {...form.getInputProps('email')} />
            </SimpleGrid>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('register.aboutBusiness')}
            </Title>
            <TextInput label={t('participants.fields.businessName')} required autoComplete="organization" {...form.getInputProps('businessName')} />
            <Select label={t('participants.fields.sector')} clearable data={SECTORS.map((value) => ({ value, label: sectorLabel(value) }))} {...form.getInputProps('sector')} />
            <TextInput label={t('participants.fields.regency')} description={t('register.regencyHint')} required {...form.getInputProps('regency')} />
            <TextInput label={t('participants.fields.address')} autoComplete="street-address" {...form.getInputProps('address')} />
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="md">
          <Stack gap="sm">
            <Switch label={t('register.withMaturity')} description={t('register.withMaturityHint')} {...form.getInputProps('withMaturity', { type: 'checkbox' })} />
            {form.values.withMaturity && <MaturityQuestions value={form.values.maturity} onChange={(value) => form.setFieldValue('maturity', value)} />}
          </Stack>
        </Card>
        <Text size="xs" c="dimmed">
          {t('register.privacy', { programme: referral.programme.name })}
        </Text>
        {register.isError && (
          <Alert color="red" role="alert" title={tokenProblem ? undefined : t('register.refused')}>
            {tokenProblem ?? register.error.message}
          </Alert>
        )}
        <Button type="submit" size="lg" fullWidth loading={register.isPending}>
          {t('register.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** Self-registration through a digital champion's link (`/daftar#<token>`): no sign-in, Bahasa Indonesia first, made for a phone. */
export default function RegisterPage() {
  const { t } = useTranslation();
  const token = tokenFromLocation();
  const query = useReferral(token);
  return (
    <PublicFrame>
      {!token ? (
        <Alert color="orange" title={t('register.missingTitle')} role="alert">
          {t('register.missing')}
        </Alert>
      ) : query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <Stack gap="xs">
          <QueryError error={isApiError(query.error) && query.error.fields.token ? new Error(query.error.fields.token) : query.error} onRetry={() => void query.refetch()} />
          <Text size="sm" c="dimmed">
            {t('register.invalidHint')}
          </Text>
        </Stack>
      ) : (
        <Stack gap="md">
          <div>
            <Title order={1} fz={26}>
              {t('register.title')}
            </Title>
            <Text mt={4} fw={600}>
              {query.data.programme.name}
            </Text>
            <Text size="sm" c="dimmed">
              {t('register.invitedBy', { name: query.data.champion.name, category: t(`championCategory.${query.data.champion.category}`) })}
            </Text>
          </div>
          <RegistrationForm token={token} referral={query.data} />
        </Stack>
      )}
    </PublicFrame>
  );
}
