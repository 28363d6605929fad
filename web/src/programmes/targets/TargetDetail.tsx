import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReference } from '../../api/reference.ts';
import { useTarget } from '../../api/targets.ts';
import type { Target } from '../../api/types.ts';
import { DetailDrawer } from '../../components/DetailDrawer.tsx';
import { FieldList } from '../../components/FieldList.tsx';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ArchivedBadge } from '../../components/StatusBadge.tsx';
import { regionDisplayName } from '../../format/region-name.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { useIndicatorLabel, useSectorLabel } from './indicator-label.ts';

/** A target's value as shown: percentages with `%`, counts with thousands separators. */
export function useTargetValue() {
  const format = useFormat();
  const reference = useReference();
  return (target: Pick<Target, 'indicator' | 'value'>) => {
    const unit = reference.data?.indicators.find((i) => i.code === target.indicator)?.unit;
    return unit === 'percent' ? `${format.number(target.value)}%` : format.number(target.value);
  };
}

function TargetFields({ target, onEdit }: { target: Target; onEdit?: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const indicatorLabel = useIndicatorLabel();
  const sectorLabel = useSectorLabel();
  const targetValue = useTargetValue();
  const none = t('common.none');
  const region = target.region;
  return (
    <Stack gap="md">
      <Group gap={6} align="center">
        <Title order={3} size="h4">
          {indicatorLabel(target.indicator)}
        </Title>
        {target.archivedAt && <ArchivedBadge />}
      </Group>
      <FieldList
        fields={[
          { label: t('targets.fields.value'), value: targetValue(target) },
          { label: t('targets.fields.site'), value: target.site?.name ?? t('targets.wholeProgramme') },
          {
            label: t('targets.fields.region'),
            value: region
              ? `${regionDisplayName(region.name)} (${region.code})${region.provinceCode !== region.code ? ` — ${regionDisplayName(region.provinceName)}` : ''}`
              : t('targets.anyRegion'),
          },
          { label: t('targets.fields.sector'), value: target.sector ? sectorLabel(target.sector) : t('targets.anySector') },
          { label: t('targets.fields.gender'), value: target.gender ? t(`gender.${target.gender}`) : t('targets.anyGender') },
          { label: t('targets.fields.period'), value: format.dateRange(target.periodStart, target.periodEnd) || none },
          { label: t('targets.fields.notes'), value: target.notes ?? none, wide: true },
          ...(target.archivedAt ? [{ label: t('common.archived'), value: format.dateTime(target.archivedAt) }] : []),
        ]}
      />
      {onEdit && !target.archivedAt && (
        <Group>
          <Button variant="light" onClick={onEdit}>
            {t('common.edit')}
          </Button>
        </Group>
      )}
      <Text size="xs" c="dimmed" ff="monospace">
        {target.indicator}
      </Text>
    </Stack>
  );
}

/** One target, loaded on its own (`GET …/targets/:id`), beside the list. */
export function TargetDetail({
  programmeId,
  targetId,
  onClose,
  onEdit,
}: {
  programmeId: string;
  targetId: string | null;
  onClose: () => void;
  /** Absent when the user may not edit. */
  onEdit?: (target: Target) => void;
}) {
  const { t } = useTranslation();
  // The last one shown stays in the drawer while it slides shut.
  const [shown, setShown] = useState(targetId);
  if (targetId !== null && targetId !== shown) setShown(targetId);
  const query = useTarget(programmeId, targetId ?? shown);
  return (
    <DetailDrawer opened={targetId !== null} onClose={onClose} title={t('targets.detailTitle')}>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <TargetFields target={query.data} onEdit={onEdit ? () => onEdit(query.data) : undefined} />
      )}
    </DetailDrawer>
  );
}
