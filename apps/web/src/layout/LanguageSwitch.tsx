import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, toLanguage } from '../i18n/i18n';
import type { Language } from '../i18n/i18n';

/** VI / EN toggle. */
export function LanguageSwitch({ size = 'middle' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  return (
    <Segmented<Language>
      size={size}
      aria-label={t('lang.switch')}
      value={toLanguage(i18n.language)}
      options={[
        { value: 'vi', label: 'VI', title: t('lang.vi') },
        { value: 'en', label: 'EN', title: t('lang.en') },
      ]}
      onChange={(lang) => void changeLanguage(lang)}
    />
  );
}
