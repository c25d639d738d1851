import { useEffect, useState } from 'react';
import type { SignerQuery } from '@hoi/contracts';

const KEY = 'hoi.report.signer';

export interface Signer {
  name: string;
  title: string;
  authority: string;
}

const EMPTY: Signer = { name: '', title: '', authority: '' };

function read(): Signer {
  try {
    const raw = window.localStorage.getItem(KEY);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Signer>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

/**
 * Who signs the generated report documents, remembered on this device (an officer usually signs
 * for the same person every period). Empty parts take the server's defaults.
 */
export function useSigner(): [Signer, (next: Signer) => void] {
  const [signer, setSigner] = useState<Signer>(read);
  useEffect(() => {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(signer));
    } catch {
      // Private browsing without storage: the fields still apply to this page.
    }
  }, [signer]);
  return [signer, setSigner];
}

/** The document query parameters of a signer (blank parts left out: the server's defaults). */
export function signerQuery(s: Signer): SignerQuery {
  const q: SignerQuery = {};
  if (s.name.trim()) q.signerName = s.name.trim();
  if (s.title.trim()) q.signerTitle = s.title.trim();
  if (s.authority.trim()) q.signerAuthority = s.authority.trim();
  return q;
}
