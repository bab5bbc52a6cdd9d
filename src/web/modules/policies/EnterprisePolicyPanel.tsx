import { Alert, Result, Space, Spin, Statistic, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { User } from '../../api/types.ts';
import { canUse } from '../../app/navigation.ts';
import { MatchedItems, NearMissItems } from './MatchCards.tsx';
import { useEnterprisePolicyMatches } from './policies.hooks.ts';

/** 政策匹配 as a tab of the enterprise page: the items it qualifies for and those one condition away, each explained. */
export function EnterprisePolicyPanel({ user, enterpriseId }: { user: User; enterpriseId: string }) {
  const { t, i18n } = useTranslation();
  const result = useEnterprisePolicyMatches(enterpriseId, null);
  if (result.isLoading) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  if (result.error || !result.data) return <Result status="warning" title={t('errors.loadFailed')} />;
  const data = result.data;
  const linkItems = canUse(user.role, 'policies');
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="enterprise-policy-panel">
      <Space size={32} wrap>
        <Statistic title={t('policies.matchedCount')} value={data.matches.length} />
        <Statistic title={t('policies.nearMissCountOne')} value={data.nearMisses.length} />
        <Statistic title={t('policies.estimatedTotal')} value={data.totalBenefitWan} precision={2} formatter={(v) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(Number(v))} />
        <Link to={user.role === 'enterprise' ? '/my-policies' : `/policy-matches/${encodeURIComponent(enterpriseId)}`}>{t('policyAuthoring.enterpriseTab.open')}</Link>
      </Space>
      <Alert type="info" showIcon title={t('policies.estimateDisclaimer')} />
      <Tabs
        size="small"
        items={[
          { key: 'matches', label: `${t('policies.qualifies')} (${data.matches.length})`, children: <MatchedItems matches={data.matches} linkItems={linkItems} /> },
          { key: 'near', label: `${t('policies.nearlyQualifies')} (${data.nearMisses.length})`, children: <NearMissItems nearMisses={data.nearMisses} linkItems={linkItems} /> },
        ]}
      />
    </Space>
  );
}
