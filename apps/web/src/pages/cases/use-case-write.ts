import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Case } from '@hoi/contracts';
import { caseQueries } from '../../api/cases-api';
import { isApiError } from '../../api/client';
import { casesVi } from '../../i18n/cases.vi';

interface SealedHit {
  field: string;
  found: string;
}

function hitsOf(error: unknown): SealedHit[] {
  if (!isApiError(error, 'CASE_TEXT_CONTAINS_SEALED')) return [];
  const details = error.details;
  if (typeof details !== 'object' || details === null || !('hits' in details)) return [];
  const hits = details.hits;
  return Array.isArray(hits)
    ? hits.filter(
        (hit): hit is SealedHit =>
          typeof hit === 'object' &&
          hit !== null &&
          typeof (hit as SealedHit).field === 'string' &&
          typeof (hit as SealedHit).found === 'string',
      )
    : [];
}

/**
 * CASE_TEXT_CONTAINS_SEALED names the fields and the kind of value found (never the value):
 * marks those fields. Returns true when a field got a message.
 */
export function applySealedHits<T>(form: FormInstance<T>, error: unknown, t: TFunction): boolean {
  const hits = hitsOf(error);
  if (hits.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const hit of hits) {
    const found =
      hit.found in casesVi.detail.sealedFound
        ? t(`cases.detail.sealedFound.${hit.found as keyof typeof casesVi.detail.sealedFound}`)
        : hit.found;
    byField.set(hit.field, [...(byField.get(hit.field) ?? []), found]);
  }
  form.setFields(
    [...byField].map(([field, found]) => ({
      name: field,
      errors: [t('cases.detail.sealedHit', { found: found.join(', ') })],
    })) as Parameters<FormInstance<T>['setFields']>[0],
  );
  return true;
}

/**
 * What case writes share: the version to send in If-Match (the freshest one read), the
 * refresh after a write, and the reload on STALE_VERSION (the dialog keeps showing the error so
 * the officer sees why and can send again on the reloaded case).
 */
export function useCaseWrite(caseId: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const detailKey = caseQueries.detail(caseId).queryKey;
  return {
    currentVersion: (c: Case) => queryClient.getQueryData(detailKey)?.version ?? c.version,
    afterWrite: async (text: string | null, updated?: Case) => {
      if (updated) queryClient.setQueryData(detailKey, updated);
      await queryClient.invalidateQueries({ queryKey: caseQueries.all });
      if (text) void message.success(text);
    },
    /** For FormModal.onError: marks sealed hits, reloads on a stale version; never swallows. */
    onError:
      <T>(form: FormInstance<T>) =>
      (error: unknown): boolean => {
        applySealedHits(form, error, t);
        if (isApiError(error, 'STALE_VERSION')) {
          void queryClient.invalidateQueries({ queryKey: caseQueries.all });
          void message.warning(t('cases.detail.staleReloaded'));
        }
        return false;
      },
  };
}
