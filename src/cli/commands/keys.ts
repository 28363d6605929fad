import { existsSync } from 'node:fs';
import { loadConfig } from '../../config.ts';
import { addKeyToFile, piiKeys, readKeyFile, usePiiKeys } from '../../modules/personal-data/keyring.ts';
import { countByKey, reencryptAll } from '../../modules/personal-data/rotate.ts';
import { openRuntime } from '../../server/runtime.ts';
import { CliError } from '../output.ts';

export type KeysRotateOptions = { resume?: boolean; batch?: string };

/**
 * `berdaya keys rotate [--resume]`: adds a new key to the keyring file (BERDAYA_KEY_FILE; created
 * from the keys in use when absent), then re-encrypts every NIK and phone number with it in
 * batches. `--resume` adds no key and finishes an interrupted run.
 */
export async function keysRotateCommand(options: KeysRotateOptions): Promise<void> {
  const config = loadConfig();
  if (!config.keyFile) throw new CliError('BERDAYA_KEY_FILE harus diatur untuk rotasi kunci / set BERDAYA_KEY_FILE to rotate keys');
  // A first rotation creates the keyring file: until then the keys in use come from BERDAYA_SECRET.
  const runtime = await openRuntime(existsSync(config.keyFile) ? config : { ...config, keyFile: undefined });
  try {
    const keys = options.resume ? readKeyFile(config.keyFile) : addKeyToFile(config.keyFile, piiKeys());
    usePiiKeys(keys, 'file', config.keyFile);
    if (!options.resume) console.log(`kunci baru / new key: ${keys.currentId} (${config.keyFile})`);
    const rewritten = await reencryptAll(runtime.database, keys, {
      batch: options.batch ? Number(options.batch) : undefined,
      onProgress: (p) => console.error(`  ${p.table}.${p.column}: ${p.rewritten}`),
    });
    console.log(`dienkripsi ulang / re-encrypted: ${rewritten}`);
    console.log(`nilai per kunci / values per key: ${JSON.stringify(await countByKey(runtime.database))}`);
  } finally {
    await runtime.close();
  }
}
