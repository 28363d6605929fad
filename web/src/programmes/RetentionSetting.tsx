import { Button, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRetention, useSetRetention } from '../api/personal-data.ts';
import type { Programme } from '../api/types.ts';
import { useCurrentUser } from '../auth/use-current-user.ts';
import { QueryError } from '../components/QueryState.tsx';
import { useFormat } from '../i18n/use-format.ts';
import { notifySuccess } from '../notify.ts';
import { retentionEnd } from './retention-end.ts';

const MAX_MONTHS = 240;

/**
 * How long the programme's personal data is kept after its end date: managers change it, everyone
 * else who sees the programme reads it. Past the period, the daily job anonymises the people who
 * are in no programme still running or still inside its own period.
 */
export function RetentionSetting({ programme }: { programme: Programme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const retention = useRetention(programme.id);
  const save = useSetRetention(programme.id);
  const [months, setMonths] = useState<string | number>('');
  const stored = retention.data?.months ?? null;
  useEffect(() => setMonths(stored ?? ''), [stored]);
  const editable = can('retention.manage') && !programme.archivedAt;

  const until = stored !== null && programme.endDate ? retentionEnd(programme.endDate, stored) : null;
  const summary =
    stored === null
      ? t('retention.notSet')
      : until
        ? t('retention.setUntil', { months: stored, date: format.date(until) })
        : t('retention.setNoEnd', { months: stored });
  const typed = typeof months === 'number' ? months : null;
  const valid = typed !== null && Number.isInteger(typed) && typed >= 1 && typed <= MAX_MONTHS;
  const store = (value: number | null) => save.mutate(value, { onSuccess: () => notifySuccess(value === null ? t('retention.cleared') : t('retention.saved')) });

  return (
    <Stack gap="xs" component="section" aria-labelledby="programme-retention" mt="lg">
      <Title order={3} size="h5" id="programme-retention">
        {t('retention.title')}
      </Title>
      {retention.isError ? (
        <QueryError error={retention.error} onRetry={() => void retention.refetch()} />
      ) : (
        <Text size="sm" data-testid="retention-summary">
          {retention.isPending ? t('common.loading') : summary}
        </Text>
      )}
      {retention.data?.appliedAt && (
        <Text size="xs" c="dimmed">
          {t('retention.appliedAt', { date: format.dateTime(retention.data.appliedAt) })}
        </Text>
      )}
      {editable && retention.isSuccess && (
        <Group align="flex-end" gap="xs">
          <NumberInput
            label={t('retention.months')}
            description={t('retention.monthsHint', { max: MAX_MONTHS })}
            min={1}
            max={MAX_MONTHS}
            allowDecimal={false}
            allowNegative={false}
            value={months}
            onChange={setMonths}
            error={months !== '' && !valid ? t('retention.invalid', { max: MAX_MONTHS }) : undefined}
            w={260}
          />
          <Button size="sm" disabled={!valid || typed === stored} loading={save.isPending} onClick={() => typed !== null && store(typed)}>
            {t('common.save')}
          </Button>
          {stored !== null && (
            <Button size="sm" variant="default" disabled={save.isPending} onClick={() => store(null)}>
              {t('retention.clear')}
            </Button>
          )}
        </Group>
      )}
      {!can('retention.manage') && (
        <Text size="xs" c="dimmed">
          {t('retention.readOnly')}
        </Text>
      )}
    </Stack>
  );
}
