import { i18n } from '../i18n/setup.ts';

/** The one error body of the API: `message` and `fields` are already in the user's language. */
export type ApiErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Field name → translated message, e.g. `{ code: 'Kode program sudah dipakai' }`. */
  readonly fields: Record<string, string>;

  constructor(status: number, body: ApiErrorBody['error']) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.fields = body.fields ?? {};
  }
}

export const isApiError = (error: unknown): error is ApiError => error instanceof ApiError;

/** Must match src/server/security.ts. */
export const CSRF_HEADER = 'x-berdaya-csrf';

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

type RequestOptions = {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  /** Sent as JSON, or as it is when FormData. */
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers, e.g. the RSVP token (kept out of URLs). */
  headers?: Record<string, string>;
  /** Whether a 401 sends the user to the sign-in page (not for the sign-in calls themselves). */
  redirectOn401?: boolean;
};

let onUnauthenticated: () => void = () => {};

/** Called once by the app: what to do when the session has ended. */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  const error = (value as ApiErrorBody | null)?.error;
  return typeof error?.message === 'string' && typeof error.code === 'string';
}

async function readError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null);
  if (isErrorBody(body)) return new ApiError(response.status, body.error);
  return new ApiError(response.status, { code: 'http_error', message: i18n.t('errors.http', { status: response.status }) });
}

/** Typed fetch for `/api`: sends the session cookie, parses JSON, throws `ApiError` on failure. */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', query, body, signal, headers, redirectOn401 = true } = options;
  const isForm = body instanceof FormData;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        // Proves the request comes from this app (the server refuses cookie-authenticated writes without it).
        ...(method !== 'GET' ? { [CSRF_HEADER]: '1' } : {}),
        ...(body !== undefined && !isForm ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, { code: 'network', message: i18n.t('errors.network') });
  }
  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && redirectOn401) onUnauthenticated();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Multipart upload of one file in field `file`. */
export function apiUpload<T>(path: string, file: File, method: 'PUT' | 'POST' = 'PUT', fields: Record<string, string> = {}): Promise<T> {
  const form = new FormData();
  // Text fields first: the server reads them along with the file part.
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', file, file.name);
  return apiFetch<T>(path, { method, body: form });
}
