import { loadConfig } from '../../config.ts';
import { SYSTEM_ACTOR } from '../../core/system-actor.ts';
import { getProgrammeByCode } from '../../modules/programmes/service.ts';
import { drainFactRefresh } from '../../modules/monitoring/facts.ts';
import { nationalReport, programmeIndicators } from '../../modules/monitoring/service.ts';
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

export type IndicatorReportOptions = { program: string; json?: boolean; lang?: string };

/** `berdaya report indicators --program CODE [--json]`: every indicator with its programme-wide target. */
export async function reportIndicatorsCommand(options: IndicatorReportOptions): Promise<void> {
  const runtime = await openRuntime(loadConfig());
  try {
    const programme = await getProgrammeByCode({ db: runtime.db, actor: SYSTEM_ACTOR, code: options.program });
    // The command answers with current numbers: apply pending fact changes first.
    await drainFactRefresh(runtime.database, programme.id);
    const report = await programmeIndicators({ db: runtime.db, actor: SYSTEM_ACTOR, programmeId: programme.id });
    const indicators = Object.fromEntries(
      report.items.map((i) => {
        const target = i.targets.find((t) => !t.narrowedBy.siteId && !t.narrowedBy.regionCode && !t.narrowedBy.sector && !t.narrowedBy.gender) ?? i.targets[0];
        return [i.code, { value: i.value, unit: i.unit, version: i.version, target: target?.value ?? null, progress: target?.progress ?? null, projected: target?.projected ?? null }];
      }),
    );
    if (options.json) {
      console.log(JSON.stringify({ programme: programme.code, asOf: report.asOf, indicators }));
      return;
    }
    const lang = options.lang === 'en' ? 'en' : 'id';
    console.log(`${programme.code} — ${programme.name} (${report.asOf})`);
    for (const i of report.items) {
      const row = indicators[i.code];
      const target = row?.target === null || row?.target === undefined ? '' : `  / target ${row.target} (${row.progress ?? '–'} %)`;
      console.log(`  ${i.name[lang].padEnd(42)} ${i.value ?? '–'}${target}`);
    }
  } finally {
    await runtime.close();
  }
}

/** `berdaya report national --json`: unique reach across all programmes against the national goal. */
export async function reportNationalCommand(options: { json?: boolean }): Promise<void> {
  const runtime = await openRuntime(loadConfig());
  try {
    const n = await nationalReport(runtime.db);
    // The first five keys are the stable contract; later keys are only ever added.
    const contract = {
      uniqueMsmes: n.uniqueMsmes,
      uniquePersons: n.uniquePersons,
      onboardedMsmes: n.onboardedMsmes,
      goal: n.goal,
      programmes: n.programmes,
      jobsCreated: n.jobsCreated,
      jobsMsmesMeasured: n.jobsMsmesMeasured,
      jobsGoal: n.jobsGoal,
    };
    if (options.json) {
      console.log(JSON.stringify(contract));
      return;
    }
    console.log(
      [
        `UMKM unik / unique MSMEs:              ${n.uniqueMsmes}`,
        `orang unik / unique people:            ${n.uniquePersons}`,
        `UMKM go digital / on-boarded MSMEs:    ${n.onboardedMsmes} dari / of ${n.goal}`,
        `program / programmes:                  ${n.programmes}`,
        `UMKM di 2+ program / in 2+ programmes: ${n.enrolledInSeveral} (terlatih / trained: ${n.trainedInSeveral})`,
        `lapangan kerja / jobs created:         ${n.jobsCreated} dari / of ${n.jobsGoal} (${n.jobsMsmesMeasured} UMKM terukur / MSMEs measured)`,
      ].join('\n'),
    );
  } finally {
    await runtime.close();
  }
}
