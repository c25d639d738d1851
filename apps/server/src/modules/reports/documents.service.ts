/**
 * The report documents served by the API and the CLI: a unit's report (.docx per Decree
 * 30/2020, .xlsx), the briefing summary across units and the comparison across associations.
 */
import type { Dashboard, OversightComparison, RollupView, SignerQuery } from '@hoi/contracts';
import { inTenant, type Tx } from '../../db/engine.js';
import type { Actor } from '../../platform/actor.js';
import { todayIn } from '../../platform/clock.js';
import type { Deps } from '../../platform/deps.js';
import { found } from '../../platform/errors.js';
import { abbreviationOf } from '../cases/cases-documents.service.js';
import { dashboard, oversightComparison } from './dashboard.service.js';
import {
  renderBriefingDocx,
  renderBriefingXlsx,
  renderOversightDocx,
  renderOversightXlsx,
  renderReportDocx,
  renderReportXlsx,
  type ReportDocContext,
} from './documents/index.js';
import { getReport } from './reports.service.js';
import { catalog } from './templates.service.js';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
type Format = keyof typeof MIME;

/** The place on the date line: the locality of the unit's administrative unit, else its name. */
function placeName(adminName: string | null, unitName: string): string {
  return (adminName ?? unitName).replace(/^(Tỉnh|Thành phố|Xã|Phường|Đặc khu|Thị trấn)\s+/u, '');
}

async function docContext(
  tx: Tx,
  actor: Actor,
  unitId: string,
  date: string,
  number: number | null,
  signer: SignerQuery = {},
): Promise<ReportDocContext> {
  const association = await tx
    .selectFrom('associations')
    .select(['code', 'shortName', 'name'])
    .where('id', '=', actor.associationId)
    .executeTakeFirstOrThrow();
  const unit = found(
    await tx
      .selectFrom('units')
      .select(['name', 'parentId', 'adminUnitCode'])
      .where('id', '=', unitId)
      .executeTakeFirst(),
  );
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
  const cat = await catalog(tx);
  const indicatorNames: ReportDocContext['indicatorNames'] = {};
  for (const i of cat.values())
    indicatorNames[i.code] = {
      vi: i.name.vi,
      en: i.name.en,
      type: i.type,
      disaggregation: i.disaggregation,
    };
  return {
    association: {
      name: association.name,
      abbreviation: abbreviationOf(association.shortName, association.code),
    },
    issuer: { superior: parent?.name ?? null, name: unit.name },
    place: placeName(admin?.name ?? null, unit.name),
    date,
    number,
    recipients: parent
      ? [`${parent.name} (để báo cáo)`, 'Lưu: VT']
      : ['Ban Tuyên giáo và Dân vận (để báo cáo)', 'Lưu: VT'],
    // Decree 30: authority and title in capitals, the name as written (blank: signed by hand).
    signer: {
      authority:
        signer.signerAuthority === undefined
          ? 'TM. BAN THƯỜNG VỤ'
          : signer.signerAuthority.toLocaleUpperCase('vi') || null,
      title: (signer.signerTitle ?? 'Chủ tịch').toLocaleUpperCase('vi'),
      name: signer.signerName ?? '',
    },
    indicatorNames,
  };
}

const fileName = (base: string, format: Format) =>
  `${base.replace(/[^\p{L}\p{N}._-]+/gu, '-')}.${format}`;

/** A unit's report as .docx or .xlsx, dated on its first submission (today for a draft). */
export async function reportDocument(
  deps: Deps,
  actor: Actor,
  id: string,
  format: Format,
  signer: SignerQuery = {},
) {
  const report = await getReport(deps, actor, id);
  const date = report.firstSubmittedAt ? report.firstSubmittedAt.slice(0, 10) : todayIn(deps.clock);
  const row = await inTenant(deps.db.app, actor.associationId, (tx) =>
    tx.selectFrom('reports').select('docNumber').where('id', '=', id).executeTakeFirstOrThrow(),
  );
  const ctx = await inTenant(deps.db.app, actor.associationId, (tx) =>
    docContext(tx, actor, report.unit.id, date, row.docNumber, signer),
  );
  const body =
    format === 'docx' ? await renderReportDocx(report, ctx) : await renderReportXlsx(report, ctx);
  return {
    name: fileName(`BC-${report.unit.code}-${report.period}`, format),
    mime: MIME[format],
    body,
  };
}

/** The briefing summary across the children of a unit. */
export async function dashboardDocument(
  deps: Deps,
  actor: Actor,
  q: {
    templateId: string;
    period: string;
    unitId?: string | undefined;
    view: RollupView;
    trend: number;
    format: Format;
  } & SignerQuery,
) {
  const d: Dashboard = await dashboard(deps, actor, q);
  const ctx = await inTenant(deps.db.app, actor.associationId, (tx) =>
    docContext(tx, actor, d.unit.id, todayIn(deps.clock), null, q),
  );
  const body =
    q.format === 'docx' ? await renderBriefingDocx(d, ctx) : await renderBriefingXlsx(d, ctx);
  return {
    name: fileName(`giao-ban-${d.unit.code}-${d.period.key}-${d.view}`, q.format),
    mime: MIME[q.format],
    body,
  };
}

/** The oversight body's comparison of its associations. */
export async function oversightDocument(
  deps: Deps,
  actor: Actor,
  q: { templateCode: string; period: string; format: Format } & SignerQuery,
) {
  const c: OversightComparison = await oversightComparison(deps, actor, q);
  const ctx = await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const root = found(
      await tx.selectFrom('units').select('id').where('parentId', 'is', null).executeTakeFirst(),
    );
    const base = await docContext(tx, actor, root.id, todayIn(deps.clock), null, q);
    for (const i of c.indicators)
      base.indicatorNames[i.code] = { vi: i.name.vi, en: i.name.en, type: i.type };
    return base;
  });
  const body =
    q.format === 'docx' ? await renderOversightDocx(c, ctx) : await renderOversightXlsx(c, ctx);
  return {
    name: fileName(`so-sanh-cac-hoi-${q.templateCode}-${q.period}`, q.format),
    mime: MIME[q.format],
    body,
  };
}
