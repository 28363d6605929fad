import { compactKey, EMPTY, INVALID, valid, type Normalised } from './normalised.ts';

export type Gender = 'female' | 'male';

const GENDER_BY_KEY: ReadonlyMap<string, Gender> = new Map<string, Gender>([
  ...['p', 'pr', 'perempuan', 'f', 'female', 'wanita', 'w'].map((k): [string, Gender] => [k, 'female']),
  ...['l', 'lk', 'lakilaki', 'laki', 'laki2', 'lelaki', 'm', 'male', 'pria'].map((k): [string, Gender] => [k, 'male']),
]);

export const normaliseGender = (raw: string | null | undefined): Normalised<Gender> => {
  if (raw == null || raw.trim() === '') return EMPTY;
  const gender = GENDER_BY_KEY.get(compactKey(raw));
  return gender === undefined ? INVALID : valid(gender);
};
