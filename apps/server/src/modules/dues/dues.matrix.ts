/** Authorization-matrix entries for the dues routes (see http/authorization-matrix.test.ts). */
import type { Entry, MatrixEnv } from '../../test/matrix.js';

export function duesMatrix(env: MatrixEnv): Record<string, Entry> {
  void env;
  return {};
}
