import { useMe } from '../api/auth.ts';
import type { CurrentUser } from '../api/types.ts';
import { can, type Action } from './permissions.ts';

/**
 * The signed-in user inside the authenticated layout (which has already waited for it),
 * with a `can(action)` check for showing write buttons.
 */
export function useCurrentUser(): { user: CurrentUser; can: (action: Action) => boolean } {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside the signed-in layout');
  return { user: data, can: (action) => can(data.role, action) };
}
