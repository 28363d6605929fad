import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useAcceptInvite } from '../api/auth.ts';
import { applyServerErrors, orNull } from '../forms/server-errors.ts';
import { goTo, nextPath } from './after-sign-in.ts';
import { AuthFrame } from './AuthFrame.tsx';

const MIN_PASSWORD = 10;

/** `/invite#<token>`: the token stays in the fragment, which browsers never send to servers. */
export default function AcceptInvitePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useLocation().hash.replace(/^#/, '');
  const accept = useAcceptInvite();
  const form = useForm({
    mode: 'controlled',
    initialValues: { name: '', password: '', confirm: '' },
    validate: {
      password: (value) => (value.length >= MIN_PASSWORD ? null : t('invite.passwordTooShort', { min: MIN_PASSWORD })),
      confirm: (value, values) => (value === values.password ? null : t('invite.passwordMismatch')),
    },
  });

  const submit = form.onSubmit((values) => {
    accept.mutate(
      { token, name: orNull(values.name) ?? undefined, password: values.password },
      {
        onSuccess: ({ user }) => goTo(nextPath(null, '', user.role), navigate),
        onError: (error) => applyServerErrors(form, error),
      },
    );
  });

  return (
    <AuthFrame title={t('invite.title')}>
      {token.length < 20 ? (
        <Alert color="red" role="alert">
          {t('invite.missingToken')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('invite.intro')}</Text>
            {accept.isError && Object.keys(form.errors).length === 0 && (
              <Alert color="red" role="alert">
                {accept.error.message}
              </Alert>
            )}
            <TextInput label={t('invite.name')} description={t('invite.nameHint')} autoComplete="name" {...form.getInputProps('name')} />
            <PasswordInput
              label={t('invite.password')}
              description={t('invite.passwordHint', { min: MIN_PASSWORD })}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
            <PasswordInput label={t('invite.confirm')} autoComplete="new-password" required {...form.getInputProps('confirm')} />
            <Button type="submit" loading={accept.isPending} fullWidth mt="xs">
              {t('invite.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthFrame>
  );
}
