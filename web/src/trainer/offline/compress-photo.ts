/** The server takes photos up to 2 MB; phones take 3–12 MB ones: they are made smaller on the phone first. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
const MAX_SIDE = 1280;
const QUALITIES = [0.7, 0.55, 0.4];

async function decode(file: Blob): Promise<ImageBitmap | HTMLImageElement> {
  if ('createImageBitmap' in window) {
    try {
      return await createImageBitmap(file, { imageOrientation: 'from-image' });
    } catch {
      // Some browsers refuse the options or the format: the <img> path below.
    }
  }
  const url = URL.createObjectURL(file);
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}

const toBlob = (canvas: HTMLCanvasElement, quality: number) =>
  new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', quality));

/**
 * A photo made small enough to send over a weak link: at most 1280 px on its longer side, as
 * JPEG at quality 0.7 (lower if it is still over 2 MB). Drawn on a white background, so that a
 * transparent PNG does not turn black.
 */
export async function compressPhoto(file: Blob): Promise<Blob> {
  const image = await decode(file);
  const width = 'naturalWidth' in image ? image.naturalWidth : image.width;
  const height = 'naturalHeight' in image ? image.naturalHeight : image.height;
  const scale = Math.min(1, MAX_SIDE / Math.max(width, height, 1));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d context unavailable');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  if ('close' in image) image.close();
  let blob: Blob | null = null;
  for (const quality of QUALITIES) {
    blob = await toBlob(canvas, quality);
    if (blob && blob.size <= PHOTO_MAX_BYTES) return blob;
  }
  if (!blob) throw new Error('the photo could not be encoded');
  return blob;
}
