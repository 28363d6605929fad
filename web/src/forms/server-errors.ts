import type { UseFormReturnType } from '@mantine/form';
import { isApiError } from '../api/client.ts';

/**
 * Puts the server's field messages (already translated) on the form inputs. Paths such as
 * `regionCodes.1` land on their list input; `aliases` maps API names onto other input names.
 * The form's values are left untouched so that nothing typed is lost.
 */
export function applyServerErrors<T>(form: UseFormReturnType<T>, error: unknown, aliases: Record<string, string> = {}): void {
  if (!isApiError(error)) return;
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const name = path.split('.')[0] ?? path;
    errors[aliases[name] ?? name] = message;
  }
  if (Object.keys(errors).length > 0) form.setErrors(errors);
}

/** Empty inputs become `null` for optional API fields. */
export const orNull = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** The message of a failed request that belongs above the form: none when it was put on `field` by applyServerErrors. */
export function formLevelError(error: Error | null, field: string): string | null {
  if (!error || (isApiError(error) && error.fields[field])) return null;
  return error.message;
}
