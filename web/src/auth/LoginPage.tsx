import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useLogin } from '../api/auth.ts';
import { applyServerErrors } from '../forms/server-errors.ts';
import { AuthFrame } from './AuthFrame.tsx';

/** Where to go after signing in: back to the page that asked for it, else the programme list. */
function nextPath(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/login') ? from : '/programs';
}

export default function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (value.trim() ? null : t('validation.required')),
      password: (value) => (value ? null : t('validation.required')),
    },
  });

  const submit = form.onSubmit((values) => {
    login.mutate(values, {
      onSuccess: () => void navigate(nextPath(location.state), { replace: true }),
      onError: (error) => applyServerErrors(form, error),
    });
  });

  return (
    <AuthFrame title={t('login.title')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {login.isError && (
            <Alert color="red" role="alert" title={t('login.failed')}>
              {login.error.message}
            </Alert>
          )}
          <TextInput label={t('login.email')} type="email" autoComplete="username" required {...form.getInputProps('email')} />
          <PasswordInput label={t('login.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending} fullWidth mt="xs">
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  );
}
