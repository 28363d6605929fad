import { notifications } from '@mantine/notifications';

/** Short confirmations and failures in the corner; texts come translated. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message, autoClose: 4000 });
}

const shownErrors = new Set<string>();

/** After a success, earlier failures are history: take them off the screen. */
export function clearErrors(): void {
  for (const id of shownErrors) notifications.hide(id);
  shownErrors.clear();
}

/** The same failure twice (a double click, a retry) shows once rather than stacking up. */
export function notifyError(message: string, details: string[] = []): void {
  const body = details.length > 0 ? details.join('\n') : message;
  const id = `error:${message}:${body}`;
  shownErrors.add(id);
  notifications.show({
    id,
    onClose: () => shownErrors.delete(id),
    color: 'red',
    title: details.length > 0 ? message : undefined,
    message: body,
    autoClose: 8000,
    style: { whiteSpace: 'pre-line' },
  });
}
