import { Button, FileInput, Group, SegmentedControl, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddMaterialLink, useUploadMaterial } from '../../api/curriculum.ts';
import type { CurriculumModule } from '../../api/types.ts';
import { applyServerErrors } from '../../forms/server-errors.ts';
import { notifySuccess } from '../../notify.ts';

const MAX_BYTES = 10 * 1024 * 1024;

/** A link (slides, a video) or an uploaded file (at most 10 MB) added to a module. */
export function MaterialForm({ module, onDone }: { module: CurriculumModule; onDone: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'link' | 'file'>('link');
  const addLink = useAddMaterialLink(module.programmeId);
  const upload = useUploadMaterial(module.programmeId);
  const form = useForm<{ title: string; url: string; file: File | null }>({
    mode: 'controlled',
    initialValues: { title: '', url: '', file: null },
    validate: {
      title: (value) => (kind === 'link' && !value.trim() ? t('validation.required') : null),
      url: (value) => (kind === 'link' && !/^https?:\/\/\S+$/i.test(value.trim()) ? t('curriculum.urlInvalid') : null),
      file: (value) => (kind === 'file' ? (!value ? t('curriculum.fileRequired') : value.size > MAX_BYTES ? t('curriculum.fileTooLarge') : null) : null),
    },
  });
  const done = () => {
    notifySuccess(t('curriculum.materialAdded'));
    onDone();
  };
  const submit = form.onSubmit((values) => {
    const onError = (error: Error) => applyServerErrors(form, error);
    if (kind === 'link') addLink.mutate({ moduleId: module.id, title: values.title.trim(), url: values.url.trim() }, { onSuccess: done, onError });
    else if (values.file) upload.mutate({ moduleId: module.id, file: values.file, title: values.title.trim() }, { onSuccess: done, onError: (error) => applyServerErrors(form, error, { document: 'file' }) });
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value === 'file' ? 'file' : 'link')}
          data={[
            { value: 'link', label: t('curriculum.materialLink') },
            { value: 'file', label: t('curriculum.materialFile') },
          ]}
        />
        <TextInput
          label={t('curriculum.fields.materialTitle')}
          description={kind === 'file' ? t('curriculum.materialTitleFileHint') : undefined}
          required={kind === 'link'}
          autoComplete="off"
          {...form.getInputProps('title')}
        />
        {kind === 'link' ? (
          <TextInput label={t('curriculum.fields.url')} placeholder="https://" type="url" required {...form.getInputProps('url')} />
        ) : (
          <FileInput label={t('curriculum.fields.file')} description={t('curriculum.fileHint')} placeholder={t('curriculum.chooseFile')} required clearable {...form.getInputProps('file')} />
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={addLink.isPending || upload.isPending}>
            {t('curriculum.addMaterial')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
