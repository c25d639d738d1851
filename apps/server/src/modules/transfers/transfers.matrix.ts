/** Authorization-matrix entries for the transfers routes (see http/authorization-matrix.test.ts). */
import type { Entry, MatrixEnv } from '../../test/matrix.js';

export function transfersMatrix(env: MatrixEnv): Record<string, Entry> {
  void env;
  return {};
}
