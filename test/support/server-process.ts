import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { openAsBlob } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from './template.ts';

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  return port;
}

export type ServerProcess = {
  url: string;
  child: ChildProcess;
  /** stderr so far, for failure messages. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, as in a power cut or the OOM killer. */
  kill9(): Promise<void>;
  /** SIGTERM: the graceful shutdown. */
  stop(): Promise<void>;
};

/** Runs `berdaya serve` as a separate process, as production does, and waits until it answers. */
export async function startServer(env: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/berdaya.mjs'), 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    child,
    output: () => stderr,
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A signed-in HTTP client of a running server (cookie and CSRF header as the web app sends them). */
export async function httpSignIn(url: string, email: string, password: string) {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { cookie, 'x-berdaya-csrf': '1' };
  return {
    async json<T = Record<string, unknown>>(pathname: string): Promise<T> {
      const r = await fetch(`${url}${pathname}`, { headers });
      if (!r.ok) throw new Error(`GET ${pathname}: ${r.status} ${await r.text()}`);
      return (await r.json()) as T;
    },
    /** Uploads a file as multipart field `file`, streamed from disk. */
    async upload<T = Record<string, unknown>>(pathname: string, file: string): Promise<{ status: number; body: T }> {
      const form = new FormData();
      form.append('file', await openAsBlob(file), path.basename(file));
      const r = await fetch(`${url}${pathname}`, { method: 'POST', headers, body: form });
      return { status: r.status, body: (await r.json()) as T };
    },
  };
}
