import { loadConfig } from '../../config.ts';
import { sealAuditChain, verifyAuditChain } from '../../modules/audit/chain.ts';
import { openRuntime } from '../../server/runtime.ts';
import { CliError } from '../output.ts';

export type AuditVerifyOptions = { json?: boolean };

const REASONS = {
  hash_mismatch: ['isinya tidak cocok dengan hash-nya', 'its content does not match its hash'],
  chain_broken: ['tautan ke peristiwa sebelumnya putus (peristiwa dihapus atau disisipkan)', 'its link to the previous event is broken (an event was removed or inserted)'],
  head_mismatch: ['kepala rantai menunjuk peristiwa yang tidak ada (peristiwa terakhir dihapus)', 'the chain head points to an event that is missing (the last events were removed)'],
} as const;

/** `berdaya audit verify`: seals pending events, recomputes the audit hash chain; exit 1 at the first event that does not match. */
export async function auditVerifyCommand(options: AuditVerifyOptions): Promise<void> {
  const runtime = await openRuntime(loadConfig(), { migrate: false });
  try {
    // Events committed since the server last sealed (or written while no server ran) join the chain first.
    await sealAuditChain(runtime.database.db);
    const result = await verifyAuditChain(runtime.database.db);
    if (options.json) console.log(JSON.stringify(result));
    if (result.ok) {
      if (!options.json) console.log(`Jejak audit utuh / Audit trail intact: ${result.events} peristiwa / events, hash ${result.headHash}`);
      return;
    }
    const { id, at, reason } = result.broken;
    const [idText, enText] = REASONS[reason];
    const when = at ?? '—';
    throw new CliError(
      `Jejak audit rusak pada peristiwa #${id} (${when}): ${idText}. ${result.events} peristiwa sebelumnya utuh.\n` +
        `Audit trail broken at event #${id} (${when}): ${enText}. ${result.events} earlier events are intact.`,
    );
  } finally {
    await runtime.close();
  }
}
