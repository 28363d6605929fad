import { Alert, Box, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Detect = (source: HTMLVideoElement, canvas: HTMLCanvasElement) => Promise<string | null>;

type BarcodeDetectorLike = { detect: (source: HTMLVideoElement) => Promise<{ rawValue: string }[]> };
type BarcodeDetectorClass = {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
};

/**
 * The browser's BarcodeDetector where it reads QR codes (Chrome on Android); else jsQR, bundled
 * and loaded only when the camera opens, reading frames drawn on a canvas.
 */
async function makeDetector(): Promise<Detect> {
  const Native = (window as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  if (Native && (await Native.getSupportedFormats?.())?.includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  return async (video, canvas) => {
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (!width || !height) return null;
    // A smaller frame decodes faster on a cheap phone and is still enough for a QR held close.
    const scale = Math.min(1, 640 / Math.max(width, height));
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return null;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const image = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

/** The camera view: calls `onCode` for every code read (the same code at most once every 3 s). */
export function QrScanner({ onCode, feedback }: { onCode: (text: string) => void; feedback: { tone: 'ok' | 'warn' | 'error'; text: string } | null }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(true);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  });

  useEffect(() => {
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const recent = new Map<string, number>();
    const start = async () => {
      if (!navigator.mediaDevices?.getUserMedia) throw new Error(t('trainer.scan.noCamera'));
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
      const element = video.current;
      if (!element || stopped) return;
      element.srcObject = stream;
      await element.play();
      const detect = await makeDetector();
      setStarting(false);
      const tick = async () => {
        if (stopped || !video.current || !canvas.current) return;
        try {
          const text = await detect(video.current, canvas.current);
          const now = Date.now();
          if (text && (recent.get(text) ?? 0) < now - 3000) {
            recent.set(text, now);
            onCodeRef.current(text);
          }
        } catch {
          // A frame that cannot be read is skipped.
        }
        timer = setTimeout(() => void tick(), 250);
      };
      void tick();
    };
    start().catch((error: unknown) => {
      setStarting(false);
      const name = (error as { name?: string }).name;
      setProblem(name === 'NotAllowedError' ? t('trainer.scan.denied') : name === 'NotFoundError' ? t('trainer.scan.noCamera') : error instanceof Error ? error.message : String(error));
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [t]);

  return (
    <Stack gap="sm">
      {problem ? (
        <Alert color="red" role="alert" title={t('trainer.scan.cameraProblem')}>
          {problem}
        </Alert>
      ) : (
        <Box pos="relative" bg="dark" style={{ borderRadius: 8, overflow: 'hidden', aspectRatio: '3 / 4', maxHeight: '60vh' }}>
          <video ref={video} muted playsInline style={{ width: '100%', height: '100%', objectFit: 'cover' }} aria-label={t('trainer.scan.camera')} />
          <Box pos="absolute" style={{ inset: '18%', border: '3px solid rgba(255,255,255,0.8)', borderRadius: 12 }} />
          {starting && (
            <Text pos="absolute" c="white" ta="center" style={{ left: 0, right: 0, top: '45%' }}>
              {t('trainer.scan.starting')}
            </Text>
          )}
        </Box>
      )}
      <canvas ref={canvas} hidden />
      {feedback && (
        <Alert color={feedback.tone === 'ok' ? 'teal' : feedback.tone === 'warn' ? 'yellow' : 'red'} role="status" aria-live="polite">
          {feedback.text}
        </Alert>
      )}
      <Group justify="center">
        <Text size="sm" c="dimmed" ta="center">
          {t('trainer.scan.hint')}
        </Text>
      </Group>
      {problem && (
        <Button variant="default" onClick={() => window.location.reload()}>
          {t('common.retry')}
        </Button>
      )}
    </Stack>
  );
}
