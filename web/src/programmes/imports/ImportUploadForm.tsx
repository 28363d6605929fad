import { Accordion, Badge, Button, Checkbox, Code, FileInput, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isApiError } from '../../api/client.ts';
import { useStartImport } from '../../api/imports.ts';
import { orNull } from '../../forms/server-errors.ts';
import { useReference } from '../../api/reference.ts';

type Values = { file: File | null; dryRun: boolean; sheet: string };

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The column titles the import understands, in Indonesian and English, with what each field needs. */
function RecognisedColumns() {
  const { t } = useTranslation();
  const columns = useReference().data?.rosterColumns ?? [];
  return (
    <Accordion variant="contained" radius="md">
      <Accordion.Item value="columns">
        <Accordion.Control>{t('imports.columnsTitle')}</Accordion.Control>
        <Accordion.Panel>
          <Text size="sm" c="dimmed" mb="sm">
            {t('imports.columnsIntro')}
          </Text>
          <Table verticalSpacing={6} layout="fixed">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w="38%">{t('imports.columnField')}</Table.Th>
                <Table.Th>{t('imports.columnHeaders')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {columns.map((column) => (
                <Table.Tr key={column.field}>
                  <Table.Td style={{ verticalAlign: 'top' }}>
                    <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                      {t(`imports.columns.${column.field}`)}
                    </Text>
                    {column.required && (
                      <Badge size="xs" variant="light" color="red" mt={2}>
                        {t('imports.required')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {column.headers.map((header) => (
                        <Code key={header}>{header}</Code>
                      ))}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}

/** Choose a roster file and start its import (or a dry run); the job's page shows its progress. */
export function ImportUploadForm({ programmeId }: { programmeId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const start = useStartImport(programmeId);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: { file: null, dryRun: false, sheet: '' },
    validate: { file: (value) => (value ? null : t('imports.fileRequired')) },
  });

  const submit = form.onSubmit((values) => {
    if (!values.file) return;
    start.mutate(
      { file: values.file, dryRun: values.dryRun, sheet: orNull(values.sheet) ?? undefined },
      {
        onSuccess: (job) => void navigate(`/programs/${programmeId}/import/${job.id}`),
        // A refused upload (too large, no file) is about the file: say so on its input too.
        onError: (error) => form.setFieldError(isApiError(error) && error.fields.sheet ? 'sheet' : 'file', error.message),
      },
    );
  });

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="import-upload-title">
        <Title order={3} size="h4" id="import-upload-title">
          {t('imports.uploadTitle')}
        </Title>
        <Text size="sm" c="dimmed" mt={4} mb="md">
          {t('imports.intro')}
        </Text>
        <form onSubmit={submit} noValidate>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <FileInput
                label={t('imports.file')}
                description={t('imports.fileHint')}
                placeholder={t('imports.choose')}
                accept={ACCEPT}
                required
                clearable
                {...form.getInputProps('file')}
              />
              <TextInput label={t('imports.sheet')} description={t('imports.sheetHint')} {...form.getInputProps('sheet')} />
            </SimpleGrid>
            <Checkbox label={t('imports.dryRun')} description={t('imports.dryRunHint')} {...form.getInputProps('dryRun', { type: 'checkbox' })} />
            <Group justify="flex-end">
              <Button type="submit" loading={start.isPending}>
                {form.values.dryRun ? t('imports.startDryRun') : t('imports.start')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <RecognisedColumns />
    </Stack>
  );
}
