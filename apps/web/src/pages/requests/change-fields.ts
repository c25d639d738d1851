/** One requested change: the field's path, the value asked for and the value on record. */
export interface FieldChange {
  path: string[];
  requested: unknown;
  current: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(source: Record<string, unknown>, path: string[]): unknown {
  // The server may nest (`address.detail`) or flatten (`"address.detail"`) the current values.
  const flat = source[path.join('.')];
  if (flat !== undefined) return flat;
  let value: unknown = source;
  for (const key of path) {
    if (!isRecord(value)) return undefined;
    value = value[key];
  }
  return value;
}

/**
 * Flattens a change request's `fields` (e.g. `{ phone, address: { detail } }`) into one line per
 * leaf, each with the current value found at the same place in `current`.
 *
 * @example
 * listFieldChanges({ address: { detail: 'Số 2' } }, { address: { detail: 'Số 1' } })
 * // → [{ path: ['address', 'detail'], requested: 'Số 2', current: 'Số 1' }]
 */
export function listFieldChanges(
  fields: Record<string, unknown>,
  current: Record<string, unknown>,
): FieldChange[] {
  const changes: FieldChange[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (isRecord(value)) {
      for (const [key, inner] of Object.entries(value)) visit(inner, [...path, key]);
      return;
    }
    changes.push({ path, requested: value, current: valueAt(current, path) });
  };
  visit(fields, []);
  return changes;
}

/** A field value as text; null means "remove", undefined "not known". */
export function describeValue(value: unknown, cleared: string): string {
  if (value === null) return cleared;
  if (value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}
