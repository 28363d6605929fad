import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/app-error.ts';
import { imageExtension, PHOTO_MAX_BYTES, sniffImageType, type ImageType } from '../../core/image-type.ts';
import type { DbOrTx } from '../../db/client.ts';
import { document } from '../../db/schema/index.ts';

export type UploadedImage = { content: Buffer; contentType: ImageType; fields: Record<string, string> };

/**
 * Reads one image from a multipart request (field `file`, other fields as text). The type is
 * sniffed from the bytes (JPEG, PNG, WebP); anything else is refused whatever it claims to be.
 */
export async function readUploadedImage(request: FastifyRequest): Promise<UploadedImage> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'errors.document.missing');
  const part = await request.file({ limits: { fileSize: PHOTO_MAX_BYTES, files: 1 } });
  if (!part) throw new AppError('bad_request', 'errors.document.missing');
  const content = await part.toBuffer().catch((error: unknown) => {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('payload_too_large', 'errors.photo.tooLarge', { params: { maxMb: PHOTO_MAX_BYTES / 1024 / 1024 } });
    throw error;
  });
  if (part.file.truncated) throw new AppError('payload_too_large', 'errors.photo.tooLarge', { params: { maxMb: PHOTO_MAX_BYTES / 1024 / 1024 } });
  if (content.length === 0) throw new AppError('bad_request', 'errors.document.missing');
  const contentType = sniffImageType(content);
  if (!contentType) throw new AppError('unsupported_media_type', 'errors.photo.notImage');
  const fields: Record<string, string> = {};
  for (const [name, field] of Object.entries(part.fields)) {
    if (field && !Array.isArray(field) && field.type === 'field') fields[name] = String(field.value).slice(0, 200);
  }
  return { content, contentType, fields };
}

/** Keeps an image in `document` (in the database, so that backups hold it). */
export async function storeImage(tx: DbOrTx, options: { programmeId: string; name: string; image: UploadedImage; createdBy: string | null }): Promise<string> {
  const { image } = options;
  const [doc] = await tx
    .insert(document)
    .values({
      programmeId: options.programmeId,
      filename: `${options.name}.${imageExtension(image.contentType)}`,
      contentType: image.contentType,
      size: image.content.length,
      sha256: createHash('sha256').update(image.content).digest('hex'),
      content: image.content,
      createdBy: options.createdBy,
    })
    .returning({ id: document.id });
  if (!doc) throw new Error('insert returned no row');
  return doc.id;
}
