/**
 * Keeping sealed values out of free text. Every text an officer writes on a case that has sealed
 * identities (summary, content, records, findings, conclusion, publication) and every document
 * generated for it is checked against the sealed values before it is stored: a name, an ID
 * number, a phone number, an e-mail or an address of a sealed person is refused, naming the
 * field and the kind of value found, never the value.
 */
import { foldVietnamese, type SealedParty } from '@hoi/contracts';

export interface Needle {
  role: string;
  field: 'fullName' | 'idNumber' | 'phone' | 'email' | 'address';
  /** Folded text to look for, or a digit string for numbers. */
  value: string;
  digits: boolean;
}

function fold(s: string): string {
  return foldVietnamese(s).replace(/\s+/g, ' ').trim();
}

/** What to look for. Names of a single word and very short addresses are too common to check. */
export function needlesOf(parties: readonly SealedParty[]): Needle[] {
  const out: Needle[] = [];
  for (const p of parties) {
    const name = fold(p.fullName);
    if (name.split(' ').length >= 2)
      out.push({ role: p.role, field: 'fullName', value: name, digits: false });
    if (p.idNumber) out.push({ role: p.role, field: 'idNumber', value: p.idNumber, digits: true });
    const phone = (p.phone ?? '').replace(/\D/g, '');
    // The last nine digits: "0912 345 678", "+84 912 345 678" and "912345678" all match.
    if (phone.length >= 9)
      out.push({ role: p.role, field: 'phone', value: phone.slice(-9), digits: true });
    if (p.email)
      out.push({
        role: p.role,
        field: 'email',
        value: p.email.trim().toLowerCase(),
        digits: false,
      });
    const address = fold(p.address ?? '');
    if (address.length >= 12)
      out.push({ role: p.role, field: 'address', value: address, digits: false });
  }
  return out;
}

/** Letters and digits only, single spaces (punctuation next to a name does not hide it). */
function words(s: string): string {
  return s.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Digit runs of a text, separators inside a number (space, dot, dash) removed. */
function digitRuns(text: string): string[] {
  return (text.match(/\+?\d[\d .-]*\d/g) ?? []).map((r) => r.replace(/\D/g, ''));
}

/** The needles found in `text` (empty when clean). */
export function findSealed(text: string | null | undefined, needles: readonly Needle[]): Needle[] {
  if (!text || needles.length === 0) return [];
  const folded = fold(text);
  const lower = text.toLowerCase();
  const runs = digitRuns(text);
  return needles.filter((n) => {
    if (n.digits) return runs.some((r) => r.includes(n.value));
    if (n.field === 'email') return lower.includes(n.value);
    // Whole words: the denouncer "Nguyễn Văn An" must not block a text naming "Nguyễn Văn Anh".
    return ` ${words(folded)} `.includes(` ${words(n.value)} `);
  });
}

/** Field names and what was found in them, for the error details (never the value). */
export function sealedHits(
  texts: Record<string, string | null | undefined>,
  needles: readonly Needle[],
): { field: string; found: string; role: string }[] {
  const hits: { field: string; found: string; role: string }[] = [];
  for (const [field, text] of Object.entries(texts)) {
    for (const n of findSealed(text, needles)) hits.push({ field, found: n.field, role: n.role });
  }
  return hits;
}
