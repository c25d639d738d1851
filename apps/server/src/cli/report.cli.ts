/**
 * `hoi report export --template CODE --period PERIOD --unit CODE --format docx|xlsx --out FILE
 * [--association X] [--signer-name N] [--signer-title T] [--signer-authority A]`: a unit's periodic report as the Decree-30 .docx or the .xlsx tables, the
 * same document as `GET /api/reports/:id/document`. `hoi report remind` sends the due reminders.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PeriodKeySchema, SignerQuerySchema } from '@hoi/contracts';
import { inTenant } from '../db/engine.js';
import type { Deps } from '../platform/deps.js';
import { AppError } from '../platform/errors.js';
import { reportDocument } from '../modules/reports/documents.service.js';
import { resolveCliScope } from './cli-scope.js';

export interface ReportExportOptions {
  template: string;
  period: string;
  unit: string;
  out: string;
  format?: string | undefined;
  association?: string | undefined;
  signerName?: string | undefined;
  signerTitle?: string | undefined;
  signerAuthority?: string | undefined;
}

function invalid(vi: string, en: string, details?: unknown): AppError {
  return new AppError('VALIDATION_FAILED', details, { vi, en });
}

export async function cliExportReport(deps: Deps, o: ReportExportOptions) {
  const format = (o.format ?? path.extname(o.out).slice(1)).toLowerCase();
  if (format !== 'docx' && format !== 'xlsx')
    throw invalid(
      `Định dạng không hỗ trợ: ${format || '(trống)'} (chọn docx hoặc xlsx)`,
      `Unsupported format: ${format || '(none)'} (use docx or xlsx)`,
    );
  if (!PeriodKeySchema.safeParse(o.period).success)
    throw new AppError('PERIOD_INVALID', { period: o.period });
  const { actor, unit } = await resolveCliScope(deps, {
    unitCode: o.unit,
    association: o.association,
    command: 'hoi report export',
  });
  const report = await inTenant(deps.db.app, actor.associationId, async (tx) => {
    const t = await tx
      .selectFrom('reportTemplates')
      .select('id')
      .where('code', '=', o.template)
      .executeTakeFirst();
    if (!t)
      throw new AppError(
        'NOT_FOUND',
        { template: o.template },
        { vi: `Không có biểu mẫu ${o.template}`, en: `No template ${o.template}` },
      );
    const r = await tx
      .selectFrom('reports')
      .select('id')
      .where('templateId', '=', t.id)
      .where('period', '=', o.period)
      .where('unitId', '=', unit.id)
      .executeTakeFirst();
    if (!r)
      throw new AppError(
        'NOT_FOUND',
        { template: o.template, period: o.period, unit: o.unit },
        {
          vi: `${unit.name} chưa lập báo cáo ${o.template} kỳ ${o.period}`,
          en: `${unit.name} has no ${o.template} report for ${o.period}`,
        },
      );
    return r;
  });
  const signer = SignerQuerySchema.safeParse({
    signerName: o.signerName,
    signerTitle: o.signerTitle,
    signerAuthority: o.signerAuthority,
  });
  if (!signer.success)
    throw invalid(
      'Người ký, chức vụ hoặc thẩm quyền ký quá dài (tối đa 100 ký tự) hoặc để trống',
      'Signer name, title or authority too long (at most 100 characters) or empty',
      { issues: signer.error.issues },
    );
  const doc = await reportDocument(deps, actor, report.id, format, signer.data);
  const file = path.resolve(o.out);
  const tmp = `${file}.${process.pid}.part`;
  fs.writeFileSync(tmp, doc.body);
  fs.renameSync(tmp, file);
  return { file, format, bytes: doc.body.length };
}
