import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-foundation.js';
import * as m0002 from './0002-admin-unit-conversions.js';
import * as m0003 from './0003-members.js';
import * as m0004 from './0004-imports.js';
import * as m0005 from './0005-cases.js';
import * as m0006 from './0006-reports.js';
import * as m0007 from './0007-indicator-indexes.js';
import * as m0008 from './0008-report-values.js';
import * as m0009 from './0009-email-outbox.js';
import * as m0010 from './0010-member-scope-index.js';
import * as m0011 from './0011-member-transit-fence.js';
import * as m0012 from './0012-member-name-fallback.js';
import * as m0013 from './0013-member-count-bases.js';

/** Every migration, in order. Names never change once released. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': m0001,
  '0002-admin-unit-conversions': m0002,
  '0003-members': m0003,
  '0004-imports': m0004,
  '0005-cases': m0005,
  '0006-reports': m0006,
  '0007-indicator-indexes': m0007,
  '0008-report-values': m0008,
  '0009-email-outbox': m0009,
  '0010-member-scope-index': m0010,
  '0011-member-transit-fence': m0011,
  '0012-member-name-fallback': m0012,
  '0013-member-count-bases': m0013,
};
