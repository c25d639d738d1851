/**
 * The indicator catalogue (automatic ones registered by modules, manual ones defined by the
 * association) and the report templates composed from it, with their slots and rule checks.
 */
import {
  AGE_BANDS,
  SEX_CATEGORIES,
  type Indicator,
  type Template,
  type TemplateBody,
} from '@hoi/contracts';
import { sql } from 'kysely';
import type { Tx } from '../../db/engine.js';
import { inTenant } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { authorizeAny } from '../../platform/authorize.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { automaticIndicators } from '../../platform/indicators.js';
import { recordAudit } from '../audit/audit.service.js';
import { DEFAULT_MANUAL_INDICATORS, DEFAULT_TEMPLATE } from './defaults.js';
import { ExpressionError, parseExpression, referencedKeys } from './expressions.js';

/** One value cell of a report: an indicator's total or one of its categories. */
export interface Slot {
  key: string;
  code: string;
  category: string | null;
  indicator: Indicator;
}

function automaticCatalog(): Indicator[] {
  return automaticIndicators().map((a) => ({
    code: a.code,
    name: a.name,
    type: a.type,
    aggregation: a.type === 'percent' ? 'average' : 'sum',
    weightCode: null,
    disaggregation: a.disaggregation ? [a.disaggregation] : [],
    source: 'automatic',
    taskArea: a.taskArea,
    basis: a.basis,
  }));
}

/** Seeds the default manual indicators and template once per association. */
export async function ensureDefaults(tx: Tx, associationId: string) {
  const any = await tx.selectFrom('reportTemplates').select('id').limit(1).executeTakeFirst();
  if (any) return;
  await sql`select pg_advisory_xact_lock(hashtext('report-defaults'), hashtext(${associationId}))`.execute(
    tx,
  );
  if (await tx.selectFrom('reportTemplates').select('id').limit(1).executeTakeFirst()) return;
  for (const i of DEFAULT_MANUAL_INDICATORS) {
    await tx
      .insertInto('reportIndicators')
      .values({ associationId, code: i.code, body: JSON.stringify(i) })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  await tx
    .insertInto('reportTemplates')
    .values({
      associationId,
      id: newId(),
      code: DEFAULT_TEMPLATE.code,
      body: JSON.stringify(DEFAULT_TEMPLATE),
    })
    .execute();
}

/** Every indicator the association can use, by code. */
export async function catalog(tx: Tx): Promise<Map<string, Indicator>> {
  const map = new Map<string, Indicator>();
  for (const a of automaticCatalog()) map.set(a.code, a);
  const rows = await tx.selectFrom('reportIndicators').select('body').execute();
  for (const r of rows) {
    const i = r.body as unknown as Indicator;
    if (!map.has(i.code)) map.set(i.code, i);
  }
  return map;
}

export function toTemplate(row: {
  id: string;
  body: unknown;
  version: number;
  active: boolean;
}): Template {
  const body = row.body as TemplateBody;
  return { ...body, id: row.id, version: row.version, active: row.active };
}

export async function loadTemplate(tx: Tx, id: string): Promise<Template> {
  const row = found(
    await tx
      .selectFrom('reportTemplates')
      .select(['id', 'body', 'version', 'active'])
      .where('id', '=', id)
      .executeTakeFirst(),
  );
  return toTemplate(row);
}

/** The value cells of a template, in reading order: each indicator's total, then its categories. */
export function slotsOf(template: TemplateBody, cat: ReadonlyMap<string, Indicator>): Slot[] {
  const out: Slot[] = [];
  const seen = new Set<string>();
  for (const s of template.sections) {
    for (const code of s.indicators) {
      const indicator = cat.get(code);
      if (!indicator || seen.has(code)) continue;
      seen.add(code);
      out.push({ key: code, code, category: null, indicator });
      const d = indicator.disaggregation[0];
      const cats = d === 'sex' ? SEX_CATEGORIES : d === 'age_band' ? AGE_BANDS : [];
      const prefix = d === 'sex' ? 'sex' : 'age';
      for (const c of cats)
        out.push({ key: `${code}|${prefix}:${c}`, code, category: c, indicator });
    }
  }
  return out;
}

/** Checks a template against the catalogue: known indicators, parseable rules over its slots. */
export function validateTemplate(body: TemplateBody, cat: ReadonlyMap<string, Indicator>) {
  const problems: string[] = [];
  for (const s of body.sections)
    for (const code of s.indicators)
      if (!cat.has(code)) problems.push(`unknown indicator ${code} in section ${s.key}`);
  const keys = new Set(slotsOf(body, cat).map((s) => s.key));
  for (const code of new Set(body.sections.flatMap((s) => s.indicators))) {
    const w = cat.get(code)?.weightCode;
    if (cat.get(code)?.aggregation === 'weighted' && (!w || !keys.has(w)))
      problems.push(`weighted ${code} needs its weight indicator ${w ?? '?'} in the template`);
  }
  if (new Set(body.sections.map((s) => s.key)).size !== body.sections.length)
    problems.push('duplicate section keys');
  for (const r of body.rules) {
    for (const side of [r.left, r.right]) {
      try {
        for (const k of referencedKeys(parseExpression(side)))
          if (!keys.has(k)) problems.push(`rule ${r.code}: ${k} is not in the template`);
      } catch (e) {
        if (e instanceof ExpressionError) problems.push(`rule ${r.code}: ${e.message}`);
        else throw e;
      }
    }
  }
  if (problems.length) throw new AppError('TEMPLATE_INVALID', { problems });
}

export async function listTemplates(deps: Deps, actor: Actor): Promise<Template[]> {
  authorizeAny(actor, 'report.read');
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    await ensureDefaults(tx, actor.associationId);
    const rows = await tx
      .selectFrom('reportTemplates')
      .select(['id', 'body', 'version', 'active'])
      .orderBy('code')
      .execute();
    return rows.map(toTemplate);
  });
}

export async function getTemplate(deps: Deps, actor: Actor, id: string): Promise<Template> {
  authorizeAny(actor, 'report.read');
  return inTenant(deps.db.app, actor.associationId, (tx) => loadTemplate(tx, id));
}

export async function listIndicators(deps: Deps, actor: Actor): Promise<Indicator[]> {
  authorizeAny(actor, 'report.read');
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    await ensureDefaults(tx, actor.associationId);
    return [...(await catalog(tx)).values()].sort((a, b) => a.code.localeCompare(b.code));
  });
}

export async function createIndicator(
  deps: Deps,
  actor: Actor,
  input: Omit<Indicator, 'source' | 'basis'>,
): Promise<Indicator> {
  authorizeAny(actor, 'association.manage');
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    await ensureDefaults(tx, actor.associationId);
    const cat = await catalog(tx);
    if (cat.has(input.code)) throw new AppError('DUPLICATE_CODE', { code: input.code });
    if (input.aggregation === 'weighted' && (!input.weightCode || !cat.has(input.weightCode)))
      throw new AppError('TEMPLATE_INVALID', {
        problems: ['a weighted indicator needs an existing weight indicator'],
      });
    const indicator: Indicator = { ...input, source: 'manual', basis: null };
    await tx
      .insertInto('reportIndicators')
      .values({
        associationId: actor.associationId,
        code: input.code,
        body: JSON.stringify(indicator),
      })
      .execute();
    await recordAudit(tx, deps, actor, {
      action: 'report.indicator.create',
      entityType: 'report_indicator',
      entityId: null,
      after: indicator,
    });
    return indicator;
  });
}

export async function saveTemplate(
  deps: Deps,
  actor: Actor,
  id: string | null,
  body: TemplateBody,
  expectedVersion: number | null,
): Promise<Template> {
  authorizeAny(actor, 'association.manage');
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    await ensureDefaults(tx, actor.associationId);
    validateTemplate(body, await catalog(tx));
    const clash = await tx
      .selectFrom('reportTemplates')
      .select('id')
      .where('code', '=', body.code)
      .executeTakeFirst();
    if (clash && clash.id !== id) throw new AppError('DUPLICATE_CODE', { code: body.code });
    if (id === null) {
      const newIdValue = newId();
      await tx
        .insertInto('reportTemplates')
        .values({
          associationId: actor.associationId,
          id: newIdValue,
          code: body.code,
          body: JSON.stringify(body),
        })
        .execute();
      await recordAudit(tx, deps, actor, {
        action: 'report.template.create',
        entityType: 'report_template',
        entityId: newIdValue,
        after: body,
      });
      return loadTemplate(tx, newIdValue);
    }
    const before = await loadTemplate(tx, id);
    if (expectedVersion !== before.version)
      throw new AppError('STALE_VERSION', { currentVersion: before.version });
    await tx
      .updateTable('reportTemplates')
      .set({ code: body.code, body: JSON.stringify(body), version: before.version + 1 })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, deps, actor, {
      action: 'report.template.update',
      entityType: 'report_template',
      entityId: id,
      before,
      after: body,
    });
    return loadTemplate(tx, id);
  });
}
