import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Space, Statistic, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { FullPageSpin } from '../../app/auth.tsx';
import { canUse } from '../../app/navigation.ts';
import { MatchedItems, NearMissItems } from './MatchCards.tsx';
import { useEnterprisePolicyMatches } from './policies.hooks.ts';
import { isIsoDate } from './policy-params.ts';

/** 政策匹配 of one enterprise: for officials from an item's list, for an enterprise user as 您可能符合以下政策. */
export function EnterprisePoliciesPage({ user, enterpriseId }: { user: User; enterpriseId?: string }) {
  const params = useParams();
  const id = enterpriseId ?? params.id ?? '';
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const asOf = isIsoDate(search.get('asOf')) ? search.get('asOf') : null;
  const result = useEnterprisePolicyMatches(id, asOf);
  const own = user.role === 'enterprise';

  if (result.isLoading) return <FullPageSpin />;
  if (result.error || !result.data) {
    const notFound = result.error instanceof ApiError && result.error.status === 404;
    return <Result status={notFound ? '404' : 'error'} title={notFound ? t('enterprises.notFound') : t('errors.loadFailed')} />;
  }
  const data = result.data;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 20px' } }}>
        {canUse(user.role, 'registry') ? (
          <Link to={`/enterprises/${data.enterpriseId}`} style={{ fontSize: 12 }}>
            <ArrowLeftOutlined /> {t('policies.toEnterprise')}
          </Link>
        ) : null}
        <Typography.Title level={4} style={{ margin: '4px 0 4px' }} data-testid="enterprise-policies-title">
          {own ? t('policies.mine.title') : t('policies.enterpriseTitle', { name: data.name })}
        </Typography.Title>
        <Typography.Text type="secondary">{own ? t('policies.mine.intro', { name: data.name }) : t('policies.enterpriseIntro', { asOf: data.asOf })}</Typography.Text>
        <Space size={32} style={{ marginTop: 12, display: 'flex' }}>
          <Statistic title={t('policies.matchedCount')} value={data.matches.length} />
          <Statistic title={t('policies.nearMissCountOne')} value={data.nearMisses.length} />
          <Statistic title={t('policies.estimatedTotal')} value={data.totalBenefitWan} precision={2} formatter={(v) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(Number(v))} />
        </Space>
      </Card>
      <Alert type="info" showIcon title={t('policies.estimateDisclaimer')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          items={[
            { key: 'matches', label: `${t('policies.qualifies')} (${data.matches.length})`, children: <MatchedItems matches={data.matches} linkItems={canUse(user.role, 'policies')} /> },
            { key: 'near', label: `${t('policies.nearlyQualifies')} (${data.nearMisses.length})`, children: <NearMissItems nearMisses={data.nearMisses} linkItems={canUse(user.role, 'policies')} /> },
          ]}
        />
      </Card>
      {own ? null : (
        <Link to="/policies">
          <Button>{t('policies.backToList')}</Button>
        </Link>
      )}
    </Space>
  );
}
