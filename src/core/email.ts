import { z } from 'zod';
import { EMPTY, INVALID, valid, type Normalised } from './normalised.ts';

const emailSchema = z.email();

export const normaliseEmail = (raw: string | null | undefined): Normalised<string> => {
  const s = (raw ?? '').trim().toLowerCase();
  if (s === '') return EMPTY;
  return emailSchema.safeParse(s).success ? valid(s) : INVALID;
};
