import { loadConfig } from '../../config.ts';
import { SYSTEM_ACTOR } from '../../core/system-actor.ts';
import { getProgrammeByCode } from '../../modules/programmes/service.ts';
import { reportParticipants } from '../../modules/reports/participant-report.ts';
import { openRuntime } from '../../server/runtime.ts';

export type ReportOptions = { program: string; json?: boolean };

/** `berdaya report participants --program CODE [--json]`. */
export async function reportParticipantsCommand(options: ReportOptions): Promise<void> {
  const runtime = await openRuntime(loadConfig());
  try {
    const programme = await getProgrammeByCode({ db: runtime.db, actor: SYSTEM_ACTOR, code: options.program });
    const report = await reportParticipants(runtime.db, programme.id);
    if (options.json) {
      console.log(JSON.stringify(report));
      return;
    }
    console.log(
      [
        `${programme.code} — ${programme.name}`,
        `  peserta / participants: ${report.total}`,
        `  perempuan / female:     ${report.female}`,
        `  laki-laki / male:       ${report.male}`,
        `  aktif / active:         ${report.active}`,
        `  bersedia / willing:     ${report.willing}`,
        ...Object.entries(report.byProvince).map(([code, n]) => `  provinsi ${code}: ${n}`),
      ].join('\n'),
    );
  } finally {
    await runtime.close();
  }
}
