import { Stack } from '@mantine/core';
import { useCertificates } from '../../api/certificates.ts';
import type { Programme } from '../../api/types.ts';
import { useCurrentUser } from '../../auth/use-current-user.ts';
import { PageLoader, QueryError } from '../../components/QueryState.tsx';
import { BundlePanel } from './BundlePanel.tsx';
import { CertificateList } from './CertificateList.tsx';
import { EligibilityPanel } from './EligibilityPanel.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';

/** Sertifikat: the rule, who is eligible, issuing one by one or a whole cohort as a ZIP, revocation. */
export function CertificatesTab({ programme }: { programme: Programme }) {
  const { can } = useCurrentUser();
  const certificates = useCertificates(programme.id);
  return (
    <Stack gap="md">
      <SettingsPanel programmeId={programme.id} canEdit={can('certificate.settings') && !programme.archivedAt} />
      {certificates.isPending ? (
        <PageLoader />
      ) : certificates.isError ? (
        <QueryError error={certificates.error} onRetry={() => void certificates.refetch()} />
      ) : (
        <>
          <EligibilityPanel programmeId={programme.id} certificates={certificates.data.items} />
          <BundlePanel programmeId={programme.id} />
          <CertificateList programmeId={programme.id} certificates={certificates.data.items} total={certificates.data.total} canRevoke={can('certificate.revoke')} />
        </>
      )}
    </Stack>
  );
}
