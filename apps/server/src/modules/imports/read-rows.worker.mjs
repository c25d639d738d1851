// Entry of the import reader's worker thread: the server runs its TypeScript through tsx, and a
// worker starts without the parent's loader, so it registers tsx before loading the reader.
import { register } from 'tsx/esm/api';

register();
await import('./read-rows.worker.ts');
