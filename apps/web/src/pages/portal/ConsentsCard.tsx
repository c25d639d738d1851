import { useState } from 'react';
import { App, Button, Card, Flex, Radio, Tag, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ConsentPurpose } from '@hoi/contracts';
import { CONSENT_PURPOSES, CONSENT_PURPOSE_NAMES } from '@hoi/contracts';
import type { Consent, PortalMe } from '../../api/portal-api';
import { setPortalConsents } from '../../api/portal-api';
import { ServerErrorAlert } from '../../components/ServerErrorAlert';
import { toLanguage } from '../../i18n/i18n';
import { formatDate } from '../../lib/format';

type Answer = 'granted' | 'refused';

function answerOf(granted: boolean | null | undefined): Answer | undefined {
  if (granted === true) return 'granted';
  if (granted === false) return 'refused';
  return undefined;
}

/**
 * One choice per purpose. "Chưa trả lời" (never answered) is shown apart from a refusal and no
 * option is pre-selected for it: silence is not consent (Law 91/2025 Art. 9). A two-way
 * switch cannot show that third state, hence the pair of buttons.
 */
export function ConsentsCard({ me }: { me: PortalMe }) {
  const { t, i18n } = useTranslation();
  const lang = toLanguage(i18n.language);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [edits, setEdits] = useState<Partial<Record<ConsentPurpose, boolean>>>({});
  const byPurpose = new Map<ConsentPurpose, Consent>(
    me.consents.map((consent) => [consent.purpose, consent]),
  );
  const changed = (Object.keys(edits) as ConsentPurpose[]).filter(
    (purpose) => edits[purpose] !== undefined,
  );

  const save = useMutation({
    mutationFn: () =>
      setPortalConsents({
        consents: changed.map((purpose) => ({ purpose, granted: edits[purpose] === true })),
      }),
    onSuccess: async () => {
      setEdits({});
      void message.success(t('portal.consents.saved'));
      await queryClient.invalidateQueries({ queryKey: ['portal', 'me'] });
    },
  });

  const choose = (purpose: ConsentPurpose, answer: Answer) => {
    const granted = answer === 'granted';
    setEdits((current) => {
      const next = { ...current };
      if (byPurpose.get(purpose)?.granted === granted) delete next[purpose];
      else next[purpose] = granted;
      return next;
    });
  };

  const stateTag = (consent: Consent | undefined) => {
    if (consent?.granted === true) return <Tag color="green">{t('portal.consents.granted')}</Tag>;
    if (consent?.granted === false) return <Tag color="red">{t('portal.consents.refused')}</Tag>;
    return (
      <Tag variant="outlined" style={{ borderStyle: 'dashed' }} data-testid="consent-unanswered">
        {t('portal.consents.unanswered')}
      </Tag>
    );
  };

  return (
    <Card title={t('portal.consents.title')} data-testid="portal-consents">
      <Typography.Paragraph type="secondary">{t('portal.consents.hint')}</Typography.Paragraph>
      <ServerErrorAlert error={save.error} />
      <div role="list">
        {CONSENT_PURPOSES.map((purpose) => {
          const consent = byPurpose.get(purpose);
          const isChanged = edits[purpose] !== undefined;
          return (
            <Flex
              key={purpose}
              role="listitem"
              justify="space-between"
              align="center"
              wrap
              gap={8}
              style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0' }}
              data-testid={`consent-${purpose}`}
            >
              <div style={{ flex: '1 1 220px', minWidth: 0 }}>
                <Typography.Text>{CONSENT_PURPOSE_NAMES[purpose][lang]}</Typography.Text>
                <br />
                {stateTag(consent)}
                {consent?.recordedAt && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('portal.consents.recorded', { date: formatDate(consent.recordedAt) })}
                    {consent.source === 'officer' && ` · ${t('portal.consents.byOfficer')}`}
                    {consent.source === 'member' && ` · ${t('portal.consents.byMember')}`}
                  </Typography.Text>
                )}
                {isChanged && (
                  <Typography.Text type="warning" style={{ fontSize: 12, display: 'block' }}>
                    {t('portal.consents.changed')}
                  </Typography.Text>
                )}
              </div>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                aria-label={CONSENT_PURPOSE_NAMES[purpose][lang]}
                value={answerOf(isChanged ? edits[purpose] : consent?.granted)}
                onChange={(event) => choose(purpose, event.target.value as Answer)}
                options={[
                  { value: 'granted', label: t('portal.consents.granted') },
                  { value: 'refused', label: t('portal.consents.refused') },
                ]}
              />
            </Flex>
          );
        })}
      </div>
      <Flex justify="flex-end" align="center" gap={12} style={{ marginTop: 12 }}>
        {changed.length === 0 && (
          <Typography.Text type="secondary">{t('portal.consents.nothingChanged')}</Typography.Text>
        )}
        <Button
          type="primary"
          disabled={changed.length === 0}
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="consents-save"
        >
          {t('portal.consents.save')}
        </Button>
      </Flex>
    </Card>
  );
}
