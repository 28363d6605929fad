import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useLogin } from '../api/auth.ts';
import { applyServerErrors } from '../forms/server-errors.ts';
import { goTo, nextPath } from './after-sign-in.ts';
import { AuthFrame } from './AuthFrame.tsx';


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
      onSuccess: ({ user }) => goTo(nextPath(location.state, location.search, user.role), navigate),
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
