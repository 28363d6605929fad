import { Button, Group, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateCertification } from '../../api/cascade.ts';
import { useTrainers } from '../../api/sessions.ts';
import type { CascadeNode } from '../../api/types.ts';
import { isApiError } from '../../api/client.ts';
import { notifySuccess } from '../../notify.ts';

/** Links a certified trainer's account (role trainer): the sessions it runs then count under the node. */
export function LinkAccountForm({ programmeId, node, onDone }: { programmeId: string; node: CascadeNode; onDone: () => void }) {
  const { t } = useTranslation();
  const accounts = useTrainers(programmeId);
  const update = useUpdateCertification(programmeId);
  const [userId, setUserId] = useState<string | null>(null);
  const fieldError = update.error && isApiError(update.error) ? update.error.fields.userId : undefined;
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('cascade.accountHint')}
      </Text>
      <Select
        label={t('cascade.fields.account')}
        searchable
        data={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))}
        nothingFoundMessage={t('sessions.noTrainers')}
        value={userId}
        onChange={setUserId}
        error={fieldError}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button
          disabled={!userId}
          loading={update.isPending}
          onClick={() => update.mutate({ id: node.id, input: { userId } }, { onSuccess: () => { notifySuccess(t('common.saved')); onDone(); } })}
        >
          {t('common.save')}
        </Button>
      </Group>
    </Stack>
  );
}
