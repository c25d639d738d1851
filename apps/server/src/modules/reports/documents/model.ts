/**
 * A report laid out for print, shared by the .docx and the .xlsx: the template's sections in
 * order, each with its Roman number, narrative paragraphs, indicator rows (categories under
 * their indicator) and text indicators.
 */
import type { Report } from '@hoi/contracts';
import {
  indicatorInfo,
  indicatorLines,
  unitOf,
  type IndicatorInfo,
  type IndicatorLine,
  type ReportDocContext,
} from './context.js';
import { lowerFirst, toRoman } from './format.js';

/** A dotted line printed where a narrative section has not been written. */
export const PLACEHOLDER = '…'.repeat(28);

export interface SectionIndicator {
  code: string;
  info: IndicatorInfo;
  unit: string;
  lines: IndicatorLine[];
}

export interface SectionModel {
  key: string;
  /** Roman numeral without the dot: "I", "II"… */
  number: string;
  title: string;
  /** The narrative, one entry per non-empty line; empty when not written. */
  paragraphs: string[];
  /** Whether an empty narrative prints the dotted placeholder. */
  expectsText: boolean;
  /** Numeric indicators (count, money, percent), in the template's order. */
  indicators: SectionIndicator[];
  /** Text indicators, printed as paragraphs: name and text ('' when not written). */
  texts: { code: string; name: string; text: string[] }[];
}

/** Lines of a free text, trimmed, blank lines dropped ("\r\n" and "\n" both split). */
export const splitParagraphs = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** "Kết quả công tác hội quý IV/2026" (the summary line and sheet titles). */
export const reportTitle = (report: Pick<Report, 'periodInfo'>): string =>
  `Kết quả công tác hội ${lowerFirst(report.periodInfo.label.vi)}`;

export function reportSections(report: Report, ctx: ReportDocContext): SectionModel[] {
  return report.template.sections.map((section, i) => {
    const indicators: SectionIndicator[] = [];
    const texts: SectionModel['texts'] = [];
    for (const code of section.indicators) {
      const info = indicatorInfo(ctx, code);
      if (info.type === 'text')
        texts.push({ code, name: info.vi, text: splitParagraphs(report.texts[code]) });
      else
        indicators.push({
          code,
          info,
          unit: unitOf(code, info),
          lines: indicatorLines(code, info, [report.values, report.rollup.values]),
        });
    }
    return {
      key: section.key,
      number: toRoman(i + 1),
      title: section.title.vi,
      paragraphs: splitParagraphs(report.texts[section.key]),
      expectsText: section.narrative || section.indicators.length === 0,
      indicators,
      texts,
    };
  });
}
