/** The import reader's worker thread (see read-rows.ts): reads ahead at most `ahead` chunks. */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../platform/errors.js';
import { readRowsHere, type ReadInput, type WorkerMessage } from './read-rows.js';

const port = parentPort!;
const { input, ahead } = workerData as { input: ReadInput; ahead: number };
let credits = ahead;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits += 1;
  wake?.();
  wake = null;
});
const send = (m: WorkerMessage) => port.postMessage(m);
try {
  for await (const chunk of readRowsHere(input)) {
    while (credits === 0) await new Promise<void>((r) => (wake = r));
    credits -= 1;
    send({ chunk });
  }
  send({ done: true });
} catch (e) {
  send({
    error:
      e instanceof AppError
        ? { code: e.code, details: e.details, message: e.message }
        : { message: e instanceof Error ? e.message : String(e) },
  });
}
port.close();
