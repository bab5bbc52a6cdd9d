import { useQueryClient } from '@tanstack/react-query';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, isLanguage } from '../i18n/index.ts';

/** 中文 / English; the choice is kept in localStorage and sent as Accept-Language. */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const client = useQueryClient();
  return (
    <Segmented
      size="small"
      aria-label={t('common.language')}
      value={i18n.language}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en-US' },
      ]}
      onChange={(value) => {
        if (!isLanguage(value)) return;
        void changeLanguage(value).then(() => client.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' }));
      }}
    />
  );
}
