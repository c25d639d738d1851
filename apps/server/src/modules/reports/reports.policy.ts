/**
 * Who may do what with a report, from the actor's scoped assignments and the report's place in
 * the tree (its unit, and its parent and grandparent as of the period):
 * - the unit's own officers (report.submit over the unit) edit and submit;
 * - the parent's officers return, approve and un-approve (the approver);
 * - the grandparent's officers accept, un-accept and lock (the next level);
 * - at the top, where there is no parent, the association's administrators (association.manage
 *   over the root) act as approver and next level.
 */
import type { Permission, ReportAction, ReportStatus } from '@hoi/contracts';
import { APPROVED_STATUSES, EDITABLE_STATUSES, REPORT_TRANSITIONS } from '@hoi/contracts';
import type { Actor } from '../../platform/actor.js';

export interface ReportPlace {
  unitPath: string;
  parentPath: string | null;
  grandparentPath: string | null;
}

const within = (path: string, ancestor: string) =>
  path === ancestor || path.startsWith(`${ancestor}.`);

function covers(actor: Actor, permission: Permission, path: string) {
  return (
    actor.via === 'cli' ||
    actor.assignments.some((a) => a.permissions.includes(permission) && within(path, a.unitPath))
  );
}

const rootPath = (p: ReportPlace) => p.unitPath.split('.')[0]!;

function approverMay(actor: Actor, p: ReportPlace) {
  return p.parentPath
    ? covers(actor, 'report.submit', p.parentPath)
    : covers(actor, 'association.manage', p.unitPath);
}
function nextLevelMay(actor: Actor, p: ReportPlace) {
  if (p.grandparentPath) return covers(actor, 'report.submit', p.grandparentPath);
  return covers(actor, 'association.manage', rootPath(p));
}

/** Every action and edit, as booleans for the UI and the checks. */
export function permissionsOn(actor: Actor, status: ReportStatus, p: ReportPlace) {
  const own = covers(actor, 'report.submit', p.unitPath);
  const may = (a: ReportAction, who: boolean) => who && REPORT_TRANSITIONS[a].from.includes(status);
  return {
    edit: own && EDITABLE_STATUSES.includes(status),
    submit: may('submit', own),
    return: may('return', approverMay(actor, p)),
    approve: may('approve', approverMay(actor, p)),
    unapprove: may('unapprove', approverMay(actor, p)),
    accept: may('accept', nextLevelMay(actor, p)),
    unaccept: may('unaccept', nextLevelMay(actor, p)),
    lock: may('lock', nextLevelMay(actor, p)),
  };
}

/**
 * DHIS2's "hide unapproved data from higher levels": the unit's own people and its approver see
 * values at every status; anyone assigned higher up sees them once approved.
 */
export function valuesHiddenFor(
  actor: Actor,
  status: ReportStatus,
  p: ReportPlace,
  hideUnapproved: boolean,
) {
  if (!hideUnapproved || APPROVED_STATUSES.includes(status) || actor.via === 'cli') return false;
  const close = actor.assignments.some(
    (a) => within(a.unitPath, p.unitPath) || (p.parentPath !== null && a.unitPath === p.parentPath),
  );
  return !close;
}
