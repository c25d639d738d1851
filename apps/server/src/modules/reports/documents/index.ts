/** Pure renderers of the periodic-report documents (.docx per Decree 30/2020, .xlsx). */
export type { IndicatorInfo, ReportDocContext } from './context.js';
export { renderReportDocx } from './report-docx.js';
export { renderReportXlsx } from './report-xlsx.js';
export { renderBriefingDocx, renderOversightDocx } from './briefing-docx.js';
export { renderBriefingXlsx, renderOversightXlsx } from './briefing-xlsx.js';
