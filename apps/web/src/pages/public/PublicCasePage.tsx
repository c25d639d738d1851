import { Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { submitPublicCase } from '../../api/cases-api';
import { OnlineCaseForm } from '../cases/OnlineCaseForm';
import { PublicShell } from './PublicShell';

/**
 * /gui-don?hoi=CODE[&donvi=UNIT] (public): anyone sends a complaint, denunciation, petition or
 * dispute to an association (its top unit, or the unit whose code is in the link).
 */
export function PublicCasePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const association = params.get('hoi') ?? '';
  const unitCode = params.get('donvi');
  return (
    <PublicShell>
      <Typography.Title level={4} style={{ marginTop: 16 }}>
        {t('cases.online.publicTitle')}
      </Typography.Title>
      {association ? (
        <OnlineCaseForm
          askSender
          testId="public-case"
          submit={(body, v) =>
            submitPublicCase({
              ...body,
              association,
              unitCode,
              sender: body.anonymous
                ? null
                : {
                    fullName: (v.fullName ?? '').trim(),
                    phone: v.phone?.trim() || null,
                    address: v.address?.trim() || null,
                    email: v.email?.trim() || null,
                  },
            })
          }
        />
      ) : (
        <Typography.Paragraph type="danger">{t('cases.online.noAssociation')}</Typography.Paragraph>
      )}
    </PublicShell>
  );
}
