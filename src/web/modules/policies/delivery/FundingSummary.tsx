import { EditOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatWan } from './delivery-params.ts';
import type { Funding } from './delivery-types.ts';

/**
 * An item's budget and window as the version in force sets them, what has been paid and what is left;
 * those who may publish a new version of the item get a link to its editor (the way to change the budget).
 */
export function FundingSummary({ funding }: { funding: Funding }) {
  const { t, i18n } = useTranslation();
  const wan = (v: number | null) => formatWan(v, i18n.language);
  return (
    <Space wrap size={[12, 4]} style={{ display: 'flex' }} data-testid="funding-summary">
      <Typography.Text>
        {t('delivery.funding.budget')}：{wan(funding.budgetWan)}
        <Typography.Text type="secondary"> {t('delivery.funding.fromVersion', { version: funding.version })}</Typography.Text>
      </Typography.Text>
      <Typography.Text>{t('delivery.funding.paid')}：{wan(funding.paidWan)}</Typography.Text>
      <Typography.Text>{t('delivery.funding.remaining')}：{wan(funding.remainingWan)}</Typography.Text>
      {funding.budgetWan === null ? <Tag color="orange">{t('delivery.funding.noBudget')}</Tag> : null}
      {funding.overBudget ? <Tag color="red" data-testid="funding-over-budget">{t('delivery.funding.overBudget')}</Tag> : null}
      {funding.exemptFromApplication ? null : (
        <Typography.Text>{t('delivery.funding.window')}：{`${funding.applicationOpensOn ?? '—'} ~ ${funding.applicationClosesOn ?? t('policies.openEnded')}`}</Typography.Text>
      )}
      {funding.canEdit ? (
        <Link to={`/policies/${encodeURIComponent(funding.itemId)}/edit`} data-testid="funding-edit">
          <EditOutlined /> {t('delivery.funding.edit')}
        </Link>
      ) : null}
    </Space>
  );
}
