import type { ImportUpload } from '@hoi/contracts';
import type { ImportColumn, ImportMappingTemplate } from '../../api/imports-api';

/** The field every mapping must fill. */
export const REQUIRED_FIELD = 'fullName';

/**
 * The Excel letter of a 0-based column index.
 *
 * @example
 * columnLetter(0) // 'A'
 * columnLetter(27) // 'AB'
 */
export function columnLetter(index: number): string {
  let letters = '';
  let rest = index + 1;
  while (rest > 0) {
    const digit = (rest - 1) % 26;
    letters = String.fromCharCode(65 + digit) + letters;
    rest = Math.floor((rest - 1) / 26);
  }
  return letters;
}

/** Fields chosen for more than one column, in column order. */
export function duplicateFields(columns: ImportColumn[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const column of columns) {
    if (column.field === null) continue;
    if (seen.has(column.field)) twice.add(column.field);
    seen.add(column.field);
  }
  return [...twice];
}

/** The first few non-empty values of a column in the file's sample rows. */
export function sampleValues(sample: ImportUpload['sample'], index: number, count = 3): string[] {
  const values: string[] = [];
  for (const row of sample) {
    const value = row[index]?.trim();
    if (value) values.push(value);
    if (values.length >= count) break;
  }
  return values;
}

const fold = (heading: string) => heading.normalize('NFC').trim().toLowerCase();

/**
 * The saved mapping whose headings are the file's (the server has then applied it already),
 * so the screen can say so. Headings compare case-insensitively.
 */
export function matchingTemplate(
  columns: ImportColumn[],
  templates: ImportMappingTemplate[],
): ImportMappingTemplate | undefined {
  const key = columns.map((column) => fold(column.heading)).join('|');
  return templates.find(
    (template) => template.columns.map((column) => fold(column.heading)).join('|') === key,
  );
}
