import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { deriveKeys, isValidKeyId, newKey, type PiiKeys } from '../../core/pii-crypto.ts';

/**
 * Where the personal-data keys come from, in order: the keyring file (BERDAYA_KEY_FILE), keys
 * derived from BERDAYA_SECRET, or — demo and tests only — a development key that is derived from
 * a constant and therefore protects nothing (a warning is logged at every start).
 */
export type KeySource = 'file' | 'secret' | 'development';

/** Not a secret: only for demos and tests, where nothing real is stored. */
const DEVELOPMENT_SECRET = 'berdaya-development-key-not-for-real-data';

const keyFileSchema = z.object({
  current: z.string().refine(isValidKeyId),
  index: z.base64(),
  keys: z.record(z.string().refine(isValidKeyId), z.base64()),
});

export function developmentKeys(): PiiKeys {
  return deriveKeys(DEVELOPMENT_SECRET, 'dev');
}

let active: PiiKeys = developmentKeys();
let activeSource: KeySource = 'development';
let activeFile: string | undefined;

/** The keys of this process (development keys until `usePiiKeys` is called). */
export function piiKeys(): PiiKeys {
  return active;
}

export function piiKeySource(): KeySource {
  return activeSource;
}

export function usePiiKeys(keys: PiiKeys, source: KeySource, file?: string): void {
  active = keys;
  activeSource = source;
  activeFile = file;
}

/**
 * A value encrypted with a key this process does not know yet (`berdaya keys rotate` ran in
 * another process): the keyring file is read again, once per unknown key id.
 */
export function keysFor(keyId: string | null): PiiKeys {
  if (keyId && !active.keys[keyId] && activeFile && existsSync(activeFile)) {
    const fresh = readKeyFile(activeFile);
    if (fresh.keys[keyId]) active = fresh;
  }
  return active;
}

export function readKeyFile(file: string): PiiKeys {
  const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: not a Berdaya keyring file`);
  const keys = Object.fromEntries(Object.entries(parsed.data.keys).map(([id, k]) => [id, Buffer.from(k, 'base64')]));
  const indexKey = Buffer.from(parsed.data.index, 'base64');
  if (!keys[parsed.data.current] || indexKey.length !== 32 || Object.values(keys).some((k) => k.length !== 32)) throw new Error(`${file}: keys must be 32 bytes and the current key present`);
  return { currentId: parsed.data.current, keys, indexKey };
}

/** Writes the keyring atomically (temporary file, then rename), readable by the owner only. */
export function writeKeyFile(file: string, keys: PiiKeys): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const body = { current: keys.currentId, index: keys.indexKey.toString('base64'), keys: Object.fromEntries(Object.entries(keys.keys).map(([id, k]) => [id, k.toString('base64')])) };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/** The keys the configuration names (see KeySource). */
export function loadPiiKeys(config: Pick<Config, 'keyFile' | 'secret'>): { keys: PiiKeys; source: KeySource; file?: string } {
  if (config.keyFile) {
    if (!existsSync(config.keyFile)) throw new Error(`BERDAYA_KEY_FILE ${config.keyFile} does not exist (create it with \`berdaya keys rotate\`)`);
    return { keys: readKeyFile(config.keyFile), source: 'file', file: config.keyFile };
  }
  if (config.secret) return { keys: deriveKeys(config.secret, 's1'), source: 'secret' };
  return { keys: developmentKeys(), source: 'development' };
}

/**
 * Adds a new random key to the keyring and makes it current. The keyring file is created when
 * absent, holding the keys in use until now (so that existing values stay readable) and the same
 * index key (so that the hashes stay valid). Returns the new keyring.
 */
export function addKeyToFile(file: string, inUse: PiiKeys, now: Date = new Date()): PiiKeys {
  const base = existsSync(file) ? readKeyFile(file) : inUse;
  let id = `k${now.toISOString().slice(0, 19).replace(/\D/g, '')}`;
  while (base.keys[id]) id = `${id}-${Object.keys(base.keys).length}`;
  const next: PiiKeys = { currentId: id, keys: { ...base.keys, [id]: newKey() }, indexKey: base.indexKey };
  writeKeyFile(file, next);
  return next;
}
