import { Alert, Button, CloseButton, Group, Image, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format.ts';
import { compressPhoto } from '../offline/compress-photo.ts';

/** A photo shown from the device (an object URL, released when it leaves the screen). */
export function BlobImage({ blob, alt, size = 72 }: { blob: Blob; alt: string; size?: number }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [blob]);
  return url ? <Image src={url} alt={alt} w={size} h={size} radius="sm" fit="cover" /> : null;
}

/**
 * Takes photos with the camera (or from the gallery) and compresses each on the phone at once:
 * at most 1280 px, JPEG — a few hundred KB instead of several MB over a weak link.
 */
export function PhotoPicker({ photos, onChange, max }: { photos: Blob[]; onChange: (photos: Blob[]) => void; max: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const add = async (files: FileList | null) => {
    if (!files?.length) return;
    setBusy(true);
    setProblem(null);
    const next = [...photos];
    for (const file of [...files].slice(0, max - photos.length)) {
      try {
        next.push(await compressPhoto(file));
      } catch {
        setProblem(t('trainer.mentoring.photoUnreadable', { name: file.name }));
      }
    }
    onChange(next);
    setBusy(false);
    if (input.current) input.current.value = '';
  };

  return (
    <Stack gap={6}>
      <Text size="sm" fw={500}>
        {t('trainer.mentoring.photos')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('trainer.mentoring.photosHint', { max })}
      </Text>
      {photos.length > 0 && (
        <Group gap={6} aria-label={t('trainer.mentoring.photosChosen', { count: photos.length })} role="list">
          {photos.map((photo, index) => (
            <Stack key={index} gap={0} align="center" pos="relative" role="listitem">
              <BlobImage blob={photo} alt={t('trainer.mentoring.photoAlt', { number: index + 1 })} />
              <Text size="xs" c="dimmed">
                {format.bytes(photo.size)}
              </Text>
              <CloseButton
                size="sm"
                pos="absolute"
                top={2}
                right={2}
                variant="filled"
                aria-label={t('trainer.mentoring.removePhoto', { number: index + 1 })}
                onClick={() => onChange(photos.filter((_, i) => i !== index))}
              />
            </Stack>
          ))}
        </Group>
      )}
      {problem && (
        <Alert color="orange" p="xs">
          {problem}
        </Alert>
      )}
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        hidden
        aria-label={t('trainer.mentoring.addPhoto')}
        data-testid="photo-input"
        onChange={(event) => void add(event.currentTarget.files)}
      />
      {photos.length < max && (
        <Button variant="light" loading={busy} onClick={() => input.current?.click()} style={{ alignSelf: 'flex-start' }}>
          {t('trainer.mentoring.addPhoto')}
        </Button>
      )}
    </Stack>
  );
}
