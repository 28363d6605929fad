import { Stack } from '@mantine/core';
import type { Programme } from '../../api/types.ts';
import { ImportHistory } from './ImportHistory.tsx';
import { ImportJobPanel } from './ImportJobPanel.tsx';
import { ImportUploadForm } from './ImportUploadForm.tsx';

/** Roster import: upload and past imports (`/programs/:id/import`), or one import's page (`…/import/:importId`). */
export function ImportTab({ programme, importId }: { programme: Programme; importId?: string }) {
  if (importId) return <ImportJobPanel programmeId={programme.id} id={importId} />;
  return (
    <Stack gap="md">
      {!programme.archivedAt && <ImportUploadForm programmeId={programme.id} />}
      <ImportHistory programmeId={programme.id} />
    </Stack>
  );
}
