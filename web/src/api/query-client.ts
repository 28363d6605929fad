import { MutationCache, QueryClient } from '@tanstack/react-query';
import { clearErrors, notifyError } from '../notify.ts';
import { isApiError } from './client.ts';

declare module '@tanstack/react-query' {
  type BerdayaMutationMeta = {
    /** The caller shows the error itself (e.g. inline on the sign-in form). */
    silent?: boolean;
  };
  // Module augmentation has to use `interface` to merge with the library's declaration.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Register {
    mutationMeta: BerdayaMutationMeta;
  }
}

/** Client errors other than a timeout are not worth retrying. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 408) return false;
  return failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
    mutationCache: new MutationCache({
      onSuccess: () => clearErrors(),
      onError: (error, _variables, _context, mutation) => {
        if (mutation.meta?.silent) return;
        // A 401 already sends the user to the sign-in page.
        if (isApiError(error) && error.status === 401) return;
        // Field messages also land on the inputs; listing them here covers fields a form does not show.
        notifyError(error.message, isApiError(error) ? [...new Set(Object.values(error.fields))] : []);
      },
    }),
  });
}
