/**
 * The baseline of `npm run bench:load`: a bare Fastify server with one trivial JSON route, run as
 * its own process like Berdaya's server, so that both pay the same HTTP and process costs.
 *   node --import tsx bench/trivial-server.ts PORT
 */
import Fastify from 'fastify';

const port = Number(process.argv[2]);
const app = Fastify({ logger: false });
app.get('/ping', async () => ({ status: 'ok' }));
await app.listen({ port, host: '127.0.0.1' });
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
