import { IMPORT_JOB_KIND, runMemberImport } from '../imports/import-pipeline.js';
import { registerJobHandler } from './jobs.service.js';

/** Every kind of background job and the function that runs it (called by the server and the CLI). */
export function registerJobHandlers() {
  registerJobHandler(IMPORT_JOB_KIND, runMemberImport);
}
