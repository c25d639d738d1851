/** Authorization-matrix entries for the portal routes (see http/authorization-matrix.test.ts). */
import type { Entry, MatrixEnv } from '../../test/matrix.js';

export function portalMatrix(env: MatrixEnv): Record<string, Entry> {
  void env;
  return {};
}
