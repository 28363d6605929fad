import { useMutation, useQuery } from '@tanstack/react-query';
import { i18n } from '../i18n/setup.ts';
import { ApiError, apiFetch } from './client.ts';

/** Must match src/modules/personal-data/schema.ts: the access token travels in a header, never in a URL. */
const TOKEN_HEADER = 'x-my-data-token';

export type MyDataAccess = { token: string; expiresAt: string };

/** What the page shows after the code (the NIK masked). */
export type MyDataSummary = {
  name: string;
  nik: string | null;
  phone: string | null;
  email: string | null;
  businesses: { name: string; sector: string }[];
  programmes: { code: string; name: string }[];
  counts: { attendance: number; invitations: number; certificates: number; consents: number };
  expiresAt: string;
};

/** Asks for a one-time code; the answer is the same whether or not the contact is registered. */
export function useRequestMyDataCode() {
  return useMutation({
    mutationFn: (contact: string) => apiFetch<{ message: string }>('/api/my-data/code', { method: 'POST', body: { contact }, redirectOn401: false }),
    meta: { silent: true },
  });
}

export function useVerifyMyDataCode() {
  return useMutation({
    mutationFn: (input: { contact: string; code: string }) => apiFetch<MyDataAccess>('/api/my-data/verify', { method: 'POST', body: input, redirectOn401: false }),
    meta: { silent: true },
  });
}

export function useMyData(token: string | null, language: string) {
  return useQuery({
    queryKey: ['my-data', token, language],
    queryFn: ({ signal }) => apiFetch<MyDataSummary>('/api/my-data', { headers: { [TOKEN_HEADER]: token ?? '' }, signal, redirectOn401: false }),
    enabled: token !== null,
    retry: false,
  });
}

/** The export as a file to save (the token goes in a header, so the browser cannot simply follow a link). */
export async function fetchMyDataExport(token: string, format: 'json' | 'pdf'): Promise<{ blob: Blob; filename: string }> {
  let response: Response;
  try {
    response = await fetch(`/api/my-data/export?format=${format}`, { headers: { [TOKEN_HEADER]: token }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'network', message: i18n.t('errors.network') });
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw new ApiError(response.status, body?.error ?? { code: 'http_error', message: i18n.t('errors.http', { status: response.status }) });
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `data-pribadi.${format}`;
  return { blob: await response.blob(), filename };
}

export function useEraseMyData(token: string | null) {
  return useMutation({
    mutationFn: () => apiFetch<{ anonymisedAt: string; message: string }>('/api/my-data/erase', { method: 'POST', body: { confirm: true }, headers: { [TOKEN_HEADER]: token ?? '' }, redirectOn401: false }),
    meta: { silent: true },
  });
}
