import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../core/app-error.ts';
import { importsDir } from './service.ts';

/**
 * Streams the multipart `file` of a request to a temporary file under the data directory, hands
 * it to `use`, and removes it afterwards (rosters, enrolment lists, context figures). A file over
 * `maxBytes` is refused with `tooLargeKey`.
 */
export async function withUploadedFile<T>(
  request: FastifyRequest,
  dataDir: string,
  options: { maxBytes: number; prefix: string; tooLargeKey: string },
  use: (upload: { path: string; filename: string | undefined }) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart()) throw new AppError('unsupported_media_type', 'errors.document.missing');
  const part = await request.file({ limits: { fileSize: options.maxBytes, files: 1 } });
  if (!part) throw new AppError('bad_request', 'errors.document.missing');
  const dir = importsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const upload = path.join(dir, `${options.prefix}-${crypto.randomUUID()}`);
  try {
    await pipeline(part.file, createWriteStream(upload));
    if (part.file.truncated) throw new AppError('payload_too_large', options.tooLargeKey, { params: { maxMb: options.maxBytes / 1024 / 1024 } });
    return await use({ path: upload, filename: part.filename || undefined });
  } finally {
    await rm(upload, { force: true });
  }
}
