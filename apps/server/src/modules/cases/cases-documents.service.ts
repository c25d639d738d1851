/**
 * Numbered notices and decisions of a case as .docx (Decree 30/2020). The input to the document
 * builder has no field for a sealed person; as a second wall, the rendered text is checked
 * against the case's sealed values before it is stored.
 */
import { foldVietnamese, NOT_ACCEPTED_GROUNDS, type CaseDocumentKindCode } from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { AppError, found } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { recordAudit } from '../audit/audit.service.js';
import { clockOf, resolutionDueOf, ruleSetsOf, workingCalendar } from './cases-clock.js';
import { caseEvent, loadHandled } from './cases.service.js';
import * as repo from './cases.repo.js';
import type { CaseRow } from './cases.repo.js';
import {
  documentSymbol,
  renderCaseDocument,
  type CaseDocumentInput,
} from './documents/case-documents.js';
import { sealedPartiesOf } from './sealed-parties.js';
import { needlesOf, sealedHits } from './sealed-text.js';
import { docxText } from '../../documents/docx-text.js';

/** "Hội Nông dân" → "HND": initials of the association's short name (Đ kept), else its code. */
export function abbreviationOf(shortName: string | null, code: string): string {
  const base = (shortName ?? '').replace(/\(.*?\)/g, ' ').trim();
  if (!base) return code.toUpperCase();
  return base
    .split(/\s+/)
    .map((w) => {
      const c = w.charAt(0);
      return c === 'đ' || c === 'Đ' ? 'Đ' : foldVietnamese(c).toUpperCase();
    })
    .join('');
}

function groundText(ground: string): string {
  return ground in NOT_ACCEPTED_GROUNDS
    ? NOT_ACCEPTED_GROUNDS[ground as keyof typeof NOT_ACCEPTED_GROUNDS].vi
    : ground;
}

/** The place on the date line: the locality of the unit's administrative unit, else the unit's name. */
function placeOf(adminName: string | null, unitName: string): string {
  const name = adminName ?? unitName;
  return name.replace(/^(Tỉnh|Thành phố|Xã|Phường|Đặc khu|Thị trấn)\s+/u, '');
}

/** Which documents fit which state of the case. */
function assertDocumentFits(kind: CaseDocumentKindCode, c: CaseRow, extensions: number) {
  const ok: Record<CaseDocumentKindCode, boolean> = {
    acceptance_notice: c.acceptedOn !== null,
    non_acceptance_notice: c.notAccepted !== null,
    forward_notice: c.forwarded !== null,
    extension_decision: extensions > 0,
    resolution_decision: c.concludedOn !== null && c.type !== 'denunciation',
    denunciation_conclusion: c.concludedOn !== null && c.type === 'denunciation',
    publication_notice: c.publication !== null,
  };
  if (!ok[kind])
    throw new AppError('CASE_ILLEGAL_TRANSITION', { action: 'document', kind, status: c.status });
}

export async function issueDocument(
  deps: Deps,
  actor: Actor,
  id: string,
  body: {
    kind: CaseDocumentKindCode;
    date?: string;
    signer?: { authority?: string | null; title: string; name: string };
  },
): Promise<{ id: string; number: string }> {
  const today = todayIn(deps.clock);
  const date = body.date ?? today;
  if (date > today) throw new AppError('CASE_DATE_IN_FUTURE', { field: 'date' });
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id, { lock: true });
    const [extensions, suspensions, ruleSets, calendar] = await Promise.all([
      repo.extensionsOf(tx, id),
      repo.suspensionsOf(tx, id),
      ruleSetsOf(tx),
      workingCalendar(deps.db, tx),
    ]);
    assertDocumentFits(body.kind, c, extensions.length);
    const clock = clockOf(c, { extensions, suspensions }, ruleSets, calendar);
    const { association, parentName, adminName } = await context(tx, c);
    const abbreviation = abbreviationOf(association.shortName, association.code);
    const symbol = documentSymbol(body.kind, abbreviation);
    const year = Number(date.slice(0, 4));
    const number = await repo.nextNumber(
      tx,
      c.associationId,
      c.unitId,
      year,
      symbol.split('-')[0]!,
    );
    const last = extensions.at(-1);
    const input: CaseDocumentInput = {
      kind: body.kind,
      issuer: { superior: parentName, name: c.unitName, abbreviation },
      number,
      year,
      place: placeOf(adminName, c.unitName),
      date,
      signer: {
        authority: body.signer?.authority ?? 'TM. BAN THƯỜNG VỤ',
        title: body.signer?.title ?? 'CHỦ TỊCH',
        name: body.signer?.name ?? actor.displayName,
      },
      caseInfo: {
        number: c.number,
        type: c.type as CaseDocumentInput['caseInfo']['type'],
        round: c.round as 1 | 2,
        receivedOn: c.receivedOn,
        acceptedOn: c.acceptedOn,
        subject: c.subject,
        accused: c.accused,
        complainant: c.type === 'denunciation' ? null : (c.complainant?.fullName ?? null),
      },
      notAcceptedGround: c.notAccepted
        ? [groundText(c.notAccepted.ground), c.notAccepted.note].filter(Boolean).join('; ')
        : undefined,
      deadline: resolutionDueOf(clock) ?? undefined,
      forwardedTo: c.forwarded?.to,
      extension: last
        ? {
            ordinal: last.ordinal,
            days: last.days,
            newDeadline: resolutionDueOf(clock) ?? '',
            reason: last.reason,
          }
        : undefined,
      resolution:
        c.concludedOn && c.findings && c.conclusion
          ? {
              deadline: resolutionDueOf(clock),
              findings: c.findings,
              conclusion: c.conclusion,
              // The builder cites the laws itself; an association's own guidance would go here.
              legalBasis: [],
            }
          : undefined,
      publication: c.publication
        ? { from: c.publication.from, until: c.publication.until, place: c.publication.place }
        : undefined,
    };
    const bytes = await renderCaseDocument(input);
    if (c.sealedRoles.length > 0) {
      const hits = sealedHits(
        { document: await docxText(bytes) },
        needlesOf(await sealedPartiesOf(tx, deps, c)),
      );
      if (hits.length > 0) throw new AppError('CASE_TEXT_CONTAINS_SEALED', { hits });
    }
    const docId = newId();
    await repo.insertDocument(tx, {
      associationId: c.associationId,
      id: docId,
      caseId: id,
      kind: body.kind,
      number,
      year,
      symbol,
      issuedOn: date,
      body: bytes,
      createdBy: actor.via === 'cli' ? null : actor.userId,
    });
    const label = `${String(number).padStart(2, '0')}/${symbol}`;
    await caseEvent(tx, deps, actor, c, 'document_issued', `${body.kind} ${label}`);
    await recordAudit(tx, deps, actor, {
      action: 'case.document.issue',
      entityType: 'case',
      entityId: id,
      unitId: c.unitId,
      after: { kind: body.kind, number: label },
    });
    return { id: docId, number: label };
  });
}

async function context(tx: Tx, c: CaseRow) {
  const association = await tx
    .selectFrom('associations')
    .select(['code', 'shortName', 'name'])
    .where('id', '=', c.associationId)
    .executeTakeFirstOrThrow();
  const unit = await tx
    .selectFrom('units')
    .select(['parentId', 'adminUnitCode'])
    .where('id', '=', c.unitId)
    .executeTakeFirstOrThrow();
  const parent = unit.parentId
    ? await tx.selectFrom('units').select('name').where('id', '=', unit.parentId).executeTakeFirst()
    : undefined;
  const admin = unit.adminUnitCode
    ? await tx
        .selectFrom('adminUnits')
        .select('name')
        .where('code', '=', unit.adminUnitCode)
        .executeTakeFirst()
    : undefined;
  return { association, parentName: parent?.name ?? null, adminName: admin?.name ?? null };
}

export async function readDocument(deps: Deps, actor: Actor, id: string, documentId: string) {
  return inTenant(deps.db.app, actor.associationId, async (tx) => {
    const c = await loadHandled(tx, actor, id);
    const d = found(await repo.findDocument(tx, id, documentId));
    const name = `${d.kind}-${String(d.number).padStart(2, '0')}-${d.year}-${c.number.replace(/\//g, '-')}.docx`;
    return {
      name,
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      body: Buffer.from(d.body),
    };
  });
}
