import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Member } from '@hoi/contracts';
import { isApiError } from '../../api/client';
import { memberQueries } from '../../api/member-queries';

/** Props every member action dialog takes. */
export interface MemberDialogProps {
  member: Member;
  open: boolean;
  onClose: () => void;
}

/**
 * What member writes share: the version to send in If-Match (the freshest one read), the
 * refresh after a write, and the reload on STALE_VERSION (the dialog still shows the error, so
 * the officer sees why and can send again on the reloaded record).
 */
export function useMemberWrite(memberId: string) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const detailKey = memberQueries.detail(memberId).queryKey;
  return {
    currentVersion: (member: Member) =>
      queryClient.getQueryData(detailKey)?.version ?? member.version,
    afterWrite: async (text: string | null, updated?: Member) => {
      if (updated) queryClient.setQueryData(detailKey, updated);
      await queryClient.invalidateQueries({ queryKey: memberQueries.all });
      if (text) void message.success(text);
    },
    onStale: (error: unknown): boolean => {
      if (isApiError(error, 'STALE_VERSION')) {
        void queryClient.invalidateQueries({ queryKey: memberQueries.all });
        void message.warning(t('members.profile.staleReloaded'));
      }
      return false;
    },
  };
}
