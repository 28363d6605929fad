import { loadConfig } from '../../config.ts';
import { hasAnyProgramme, loadDemo } from '../../modules/demo/load-demo.ts';
import { piiKeySource } from '../../modules/personal-data/keyring.ts';
import { ensureFirstAdmin } from '../../modules/users/bootstrap.ts';
import { buildApp } from '../../server/app.ts';
import { openRuntime } from '../../server/runtime.ts';

export type ServeOptions = { port?: string; host?: string; demo?: boolean };

export async function serveCommand(options: ServeOptions): Promise<void> {
  const config = loadConfig(options.port ? { ...process.env, PORT: options.port } : process.env);
  if (options.host) config.host = options.host;
  const runtime = await openRuntime(config);
  const app = await buildApp(runtime);
  if (piiKeySource() === 'development') {
    app.log.warn('PERSONAL DATA IS NOT PROTECTED: NIK and phone numbers are encrypted with the public development key. Set BERDAYA_SECRET or BERDAYA_KEY_FILE before storing real data (see SECURITY.md).');
  }
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const admin = await ensureFirstAdmin(runtime.db, config, { demo: Boolean(options.demo) });
    if (options.demo && !(await hasAnyProgramme(runtime.db))) {
      const demo = await loadDemo(runtime.db);
      app.log.info({ programmes: demo.created }, 'demo data loaded');
    }
    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    runtime.lock?.update({ port, handoffToken: runtime.handoffToken });
    if (admin?.generatedPassword) {
      console.log(
        [
          '',
          '  ┌──────────────────────────────────────────────────────────────┐',
          '  │ Akun admin demo dibuat / Demo admin account created          │',
          `  │   email:      ${admin.email.padEnd(47)}│`,
          `  │   kata sandi: ${admin.generatedPassword.padEnd(47)}│`,
          '  │ Hanya ditampilkan sekali / Shown only once                   │',
          '  └──────────────────────────────────────────────────────────────┘',
          '',
        ].join('\n'),
      );
    }
    console.log(`Berdaya: http://localhost:${port} (${runtime.database.kind})`);
  } catch (error) {
    await app.close();
    await runtime.close();
    throw error;
  }
}
