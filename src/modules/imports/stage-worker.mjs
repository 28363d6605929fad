// Worker thread that reads and validates a roster file (see stage-roster.ts). Plain JS so that
// it starts the same under `node`, tsx and vitest: it registers the TypeScript loader itself.
import { parentPort, workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readStageEvents } = await import('./stage-events.ts');
const { AppError } = await import('../../core/app-error.ts');

let credit = 2;
let waiting = null;
parentPort.on('message', () => {
  credit += 1;
  waiting?.();
});

try {
  for await (const event of readStageEvents(workerData)) {
    if (event.type === 'batch') {
      while (credit === 0) await new Promise((resolve) => (waiting = resolve));
      credit -= 1;
    }
    parentPort.postMessage(event);
  }
} catch (error) {
  if (error instanceof AppError) parentPort.postMessage({ type: 'failed', key: error.messageKey, params: error.params });
  else throw error;
}
parentPort.postMessage({ type: 'end' });
parentPort.close();
