/**
 * Vietnamese text: folding for diacritic-free search and the dictionary order of names.
 *
 * The Vietnamese alphabet orders ă, â after a; đ after d; ê after e; ô, ơ after o; ư after u.
 * Tones are secondary: ngang < huyền < hỏi < ngã < sắc < nặng. People are listed by given name
 * (the last word), then family and middle names.
 */

const ALPHABET = 'a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z'.split(' ');
const RANK = new Map(ALPHABET.map((letter, i) => [letter, String.fromCharCode(0x41 + i)]));
const TONES: Record<string, string> = {
  '\u0300': '1',
  '\u0309': '2',
  '\u0303': '3',
  '\u0301': '4',
  '\u0323': '5',
};

/** "Nguyễn Văn Đức" → "nguyen van duc": what `hoi_fold()` does in SQL (unaccent + lower). */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** Splits a word into (letters in alphabet rank, tone digits). */
function wordKey(word: string): [string, string] {
  let primary = '';
  let tones = '';
  for (const ch of word.toLowerCase().normalize('NFC')) {
    const parts = ch.normalize('NFD');
    let base = parts[0]!;
    let tone = '0';
    for (const mark of parts.slice(1)) {
      if (mark === '\u0306') base = base === 'a' ? 'ă' : base;
      else if (mark === '\u0302')
        base = ({ a: 'â', e: 'ê', o: 'ô' } as Record<string, string>)[base] ?? base;
      else if (mark === '\u031b')
        base = ({ o: 'ơ', u: 'ư' } as Record<string, string>)[base] ?? base;
      else if (TONES[mark]) tone = TONES[mark];
    }
    const rank = RANK.get(base);
    if (rank) {
      primary += rank;
      tones += tone;
    } else if (/[0-9]/.test(base)) {
      primary += base;
      tones += '0';
    }
  }
  return [primary, tones];
}

/**
 * A byte-comparable key (compare with "C" collation) putting full names in Vietnamese order:
 * given name first, then family and middle names; letters before tones.
 */
export function vietnameseNameSortKey(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  const ordered = [words[words.length - 1]!, ...words.slice(0, -1)];
  const keys = ordered.map(wordKey);
  // Word separator '!' sorts above the end marker ' ', so "An" comes before "An Bình".
  return `${keys.map((k) => k[0]).join('!')} ${keys.map((k) => k[1]).join('')}`;
}

/** Compares two full names the Vietnamese way (for sorting in memory). */
export function compareVietnameseNames(a: string, b: string): number {
  const ka = vietnameseNameSortKey(a);
  const kb = vietnameseNameSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
