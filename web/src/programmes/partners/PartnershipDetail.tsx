import { Anchor, Badge, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mouDownloadUrl, usePartnership } from '../../api/partnerships.ts';
import type { Partnership } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { DetailDrawer } from '../../components/DetailDrawer.tsx';
import { FieldList } from '../../components/FieldList.tsx';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { ArchivedBadge } from '../../components/StatusBadge.tsx';
import { useFormat } from '../../i18n/use-format.ts';

/** The MoU PDF as a download link for the roles that may read documents, else its name. */
export function MouDocumentLink({ partnership }: { partnership: Partnership }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useCurrentUser();
  const doc = partnership.mouDocument;
  if (!doc) return <>{t('common.none')}</>;
  if (!can('document.read')) return <>{doc.filename}</>;
  return (
    <Anchor href={mouDownloadUrl(partnership.programmeId, partnership.id)} download={doc.filename} size="sm" style={{ overflowWrap: 'anywhere' }}>
      {t('partners.download', { name: doc.filename, size: format.bytes(doc.size) })}
    </Anchor>
  );
}

function PartnershipFields({ partnership, onEdit }: { partnership: Partnership; onEdit?: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const none = t('common.none');
  return (
    <Stack gap="md">
      <div>
        <Title order={3} size="h4">
          {partnership.organisation.name}
        </Title>
        <Group gap={6} mt={4}>
          {partnership.organisation.shortName && (
            <Text size="sm" c="dimmed">
              {partnership.organisation.shortName}
            </Text>
          )}
          <Badge variant="light" color="gray">
            {t(`organisationKind.${partnership.organisation.kind}`, { defaultValue: partnership.organisation.kind })}
          </Badge>
          {partnership.archivedAt && <ArchivedBadge />}
        </Group>
      </div>
      <FieldList
        fields={[
          { label: t('partners.fields.role'), value: t(`partnerRole.${partnership.role}`) },
          { label: t('partners.fields.mouNumber'), value: partnership.mouNumber ?? none },
          { label: t('partners.fields.mouSignedOn'), value: format.date(partnership.mouSignedOn) || none },
          { label: t('partners.fields.mouDocument'), value: <MouDocumentLink partnership={partnership} /> },
          { label: t('partners.fields.mouScope'), value: partnership.mouScope ?? none, wide: true },
          ...(partnership.archivedAt ? [{ label: t('common.archived'), value: format.dateTime(partnership.archivedAt) }] : []),
        ]}
      />
      {onEdit && !partnership.archivedAt && (
        <Group>
          <Button variant="light" onClick={onEdit}>
            {t('common.edit')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** One partnership with its MoU, loaded on its own (`GET …/partnerships/:id`), beside the list. */
export function PartnershipDetail({
  programmeId,
  partnershipId,
  onClose,
  onEdit,
}: {
  programmeId: string;
  partnershipId: string | null;
  onClose: () => void;
  /** Absent when the user may not edit. */
  onEdit?: (partnership: Partnership) => void;
}) {
  const { t } = useTranslation();
  // The last one shown stays in the drawer while it slides shut.
  const [shown, setShown] = useState(partnershipId);
  if (partnershipId !== null && partnershipId !== shown) setShown(partnershipId);
  const query = usePartnership(programmeId, partnershipId ?? shown);
  return (
    <DetailDrawer opened={partnershipId !== null} onClose={onClose} title={t('partners.detailTitle')}>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <PartnershipFields partnership={query.data} onEdit={onEdit ? () => onEdit(query.data) : undefined} />
      )}
    </DetailDrawer>
  );
}
