/**
 * Finding members: the caller's scope as unit ids, the free-text query (numbers or name words,
 * then fragments), the filtered list in Vietnamese order, and counts as of a date.
 */
import { foldVietnamese, normalizeVnPhone, type MemberFilter } from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorize, scopePaths } from '../../platform/authorize.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import * as unitsRepo from '../units/units.repo.js';
import { presentSummary } from './members.presenter.js';
import * as repo from './members.repo.js';
import * as countsRepo from './member-counts.repo.js';
import { ageBandYears, reviewYearLimit, type MemberSettings } from './members.rules.js';
import { settingsOf } from './members.service.js';

/** Unit ids the list may return: the actor's scope, narrowed to `unitId`'s subtree; null = whole association. */
export async function scopeUnits(
  tx: Tx,
  actor: Actor,
  unitId: string | undefined,
  permission: 'member.read' | 'member.manage' = 'member.read',
): Promise<string[] | null> {
  let paths = scopePaths(actor, permission);
  if (unitId) {
    const unit = found(await unitsRepo.findUnit(tx, unitId));
    authorize(actor, permission, unit);
    paths = [unit.path];
  }
  if (actor.via === 'cli' && !unitId) return null;
  if (paths.some((p) => !p.includes('.'))) return null;
  if (paths.length === 0) throw new AppError('FORBIDDEN');
  return repo.unitIdsOfSubtrees(tx, paths);
}

/** Splits the free-text query: digits mean a member number, ID number or phone; else a name. */
export function parseQuery(
  q: string | undefined,
): Pick<repo.PageParams, 'name' | 'exact' | 'phone'> {
  const s = (q ?? '').trim().replace(/\s+/g, ' ');
  if (!s) return { name: null, exact: null, phone: null };
  if (/\d/.test(s)) {
    const compact = s.replace(/[\s.]/g, '');
    return { name: null, exact: compact, phone: normalizeVnPhone(compact) };
  }
  return {
    name: `%${foldVietnamese(s).replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    exact: null,
    phone: null,
  };
}

export function pageParams(
  f: MemberFilter,
  units: string[] | null,
  today: string,
  s: MemberSettings,
): Omit<repo.PageParams, 'after' | 'limit'> {
  const band = f.ageBand ? ageBandYears(f.ageBand, today) : { from: null, to: null };
  return {
    ...parseQuery(f.q),
    units,
    statuses: f.status?.length ? f.status : null,
    categories: f.category?.length ? f.category : null,
    gender: f.gender ?? null,
    birthFrom: band.from,
    birthTo: band.to,
    joinYear: f.joinYear ?? null,
    inTransit: f.inTransit ?? null,
    paidBefore: f.needsReview ? reviewYearLimit(today, s) : null,
  };
}

/** Folded words of a name query, when it is a name query. */
export function nameWords(q: string | undefined): string[] | null {
  const s = (q ?? '').trim();
  if (!s || /\d/.test(s)) return null;
  return foldVietnamese(s).split(/\s+/).filter(Boolean);
}

/**
 * A name query matches whole words first ("nguyen van hung" → names containing the three
 * words, through the word index); only when nothing matches that way does it fall back to
 * fragments ("hun" → Hùng, Hưng; trigram index). The mode travels in the cursor so every page
 * of one list uses the same one.
 */
export type NameMode = 'words' | 'fragment';

export async function listMembers(
  deps: Deps,
  actor: Actor,
  f: MemberFilter & {
    after: { key: string; id: string } | null;
    limit: number;
    mode?: NameMode | undefined;
  },
) {
  const today = todayIn(deps.clock);
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const settings = await settingsOf(tx, actor.associationId);
    const units = await scopeUnits(tx, actor, f.unitId);
    const base = pageParams(f, units, today, settings);
    const words = nameWords(f.q);
    let mode: NameMode = f.mode ?? 'words';
    let page: { id: string; sortKey: string }[];
    if (words && mode === 'words') {
      // The first page falls back to the fragment inside the same call when no whole word
      // matches; later pages keep the mode of the first.
      const fallback = !f.after;
      const rows = await repo.memberPage(tx, { ...base, words, fallback, after: f.after, limit: f.limit + 1 });
      if (fallback && !rows.some((r) => r.byWords)) mode = 'fragment';
      page = rows;
    } else page = await repo.memberPage(tx, { ...base, after: f.after, limit: f.limit + 1 });
    const shown = page.slice(0, f.limit);
    const rows = await repo.summaries(
      tx,
      shown.map((r) => r.id),
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    const items = shown.map((r) => presentSummary(byId.get(r.id)!, today, settings));
    const last = shown[shown.length - 1];
    return {
      items,
      mode,
      next: page.length > f.limit && last ? { key: last.sortKey, id: last.id } : null,
    };
  });
}

/**
 * Counts by unit × status × category × gender as of a date, within the caller's scope, as the
 * response body's JSON text (the rows come as JSON from the database: ~77,000 for a million
 * members).
 */
export async function counts(
  deps: Deps,
  actor: Actor,
  input: { asOf?: string | undefined; unitId?: string | undefined },
): Promise<string> {
  const today = todayIn(deps.clock);
  const asOf = input.asOf ?? today;
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const units = await scopeUnits(tx, actor, input.unitId);
    // From the nearest yearly base when one is current (decision 78).
    const { rowsJson, active } = await countsRepo.countsAsOf(tx, asOf, today, units);
    // One association never holds two overlapping memberships of one person (createMember
    // refuses it), so on any one date people = active memberships; they differ over periods
    // and across associations.
    return `{"asOf":${JSON.stringify(asOf)},"rows":${rowsJson},"totals":{"memberships":${active},"people":${active}}}`;
  });
}
