type PgErrorLike = { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };

function pgError(error: unknown): PgErrorLike | null {
  let e = error as PgErrorLike | null;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e;
    e = e.cause as PgErrorLike | null;
  }
  return null;
}

/** True when the error (or its cause, as Drizzle wraps driver errors) is a unique violation, optionally of one constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = pgError(error);
  if (!e || e.code !== '23505') return false;
  if (!constraint) return true;
  const name = e.constraint ?? e.constraint_name;
  return name === undefined || name === constraint;
}

export function isForeignKeyViolation(error: unknown): boolean {
  return pgError(error)?.code === '23503';
}

/** A LIKE/ILIKE pattern matching `text` anywhere, with `%`, `_` and `\` in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
