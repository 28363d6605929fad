import type { Role } from '../api/types.ts';

const isSafePath = (value: unknown): value is string => typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login');

/**
 * Where to go after signing in: back to the page that asked for it (router state, or `?next=`
 * from the trainer app), else the role's home: the trainer app for trainers, the programmes otherwise.
 */
export function nextPath(state: unknown, search: string, role: Role): string {
  const from = (state as { from?: unknown } | null)?.from;
  if (isSafePath(from)) return from;
  const next = new URLSearchParams(search).get('next');
  if (isSafePath(next)) return next;
  return role === 'trainer' ? '/trainer' : '/programs';
}

/** The trainer app is a separate app in the same document: it is reached by loading the page. */
export function goTo(path: string, navigate: (path: string, options: { replace: boolean }) => unknown): void {
  if (/^\/trainer(?:[/?#]|$)/.test(path)) window.location.replace(path);
  else void navigate(path, { replace: true });
}
