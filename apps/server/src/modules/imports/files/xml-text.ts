/** Decoding helpers for machine-written XML (attribute lookup, entities, Excel's `_xHHHH_`). */

const ENTITY = /&(?:#(\d+)|#x([0-9a-fA-F]+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Replaces XML character and entity references. */
export function xmlDecode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_, dec?: string, hex?: string, name?: string) =>
    name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : parseInt(hex!, 16)),
  );
}

const EXCEL_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

/**
 * Cell text: XML references, then Excel's own escapes for characters XML cannot carry
 * (`_x000D_` for a carriage return; `_x005F_` escapes a literal underscore).
 */
export function decodeCellText(s: string): string {
  const text = xmlDecode(s);
  if (!text.includes('_x')) return text;
  return text.replace(EXCEL_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The value of attribute `name` in a tag's attribute text (either quote style), or null. */
export function xmlAttr(attrs: string, name: string): string | null {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]!) : null;
}
