/** Authorization-matrix entries for the members routes (see http/authorization-matrix.test.ts). */
import type { Entry, MatrixEnv } from '../../test/matrix.js';

export function membersMatrix(env: MatrixEnv): Record<string, Entry> {
  void env;
  return {};
}
