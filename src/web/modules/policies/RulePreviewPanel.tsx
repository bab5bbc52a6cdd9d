import { Alert, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../components/format.ts';
import type { PolicyPreview } from './authoring-types.ts';

/** What a rule would match now, in the caller's jurisdiction: the count, the estimated total and 20 of them. */
export function RulePreviewPanel({ preview }: { preview: PolicyPreview }) {
  const { t, i18n } = useTranslation();
  const num = (value: number | null, digits = 0) => formatNumber(value, i18n.language, digits);
  const problems = preview.benefitErrors.negative + preview.benefitErrors.notNumeric;
  return (
    <div data-testid="rule-preview">
      <Space size={48} wrap>
        <Statistic title={t('policyAuthoring.preview.eligible')} value={preview.eligibleCount} suffix={`/ ${num(preview.scopeCount)}`} valueStyle={{ fontVariantNumeric: 'tabular-nums' }} />
        <Statistic title={t('policyAuthoring.preview.total')} value={preview.totalBenefitWan === null ? t('policies.benefit.notEstimable') : num(preview.totalBenefitWan, 2)} />
      </Space>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('policyAuthoring.preview.asOf', { asOf: preview.asOf })}
      </Typography.Paragraph>
      {problems > 0 ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('policyAuthoring.preview.benefitProblems', { negative: preview.benefitErrors.negative, notNumeric: preview.benefitErrors.notNumeric })} />
      ) : null}
      <Table
        rowKey="enterpriseId"
        size="small"
        pagination={false}
        dataSource={preview.sample}
        scroll={{ x: 900 }}
        columns={[
          { title: t('fields.name'), dataIndex: 'name', key: 'name', width: 240, ellipsis: true },
          { title: t('policyAuthoring.preview.division'), dataIndex: 'divisionName', key: 'divisionName', width: 120 },
          { title: t('policyAuthoring.preview.industry'), dataIndex: 'industryCode', key: 'industryCode', width: 90 },
          { title: t('policyAuthoring.preview.employees'), dataIndex: 'employees', key: 'employees', width: 90, align: 'right', render: (v: number | null) => num(v) },
          { title: t('policyAuthoring.preview.revenue'), dataIndex: 'revenueWan', key: 'revenueWan', width: 120, align: 'right', render: (v: number | null) => num(v, 2) },
          { title: t('policyAuthoring.preview.rd'), dataIndex: 'rdExpenseWan', key: 'rdExpenseWan', width: 110, align: 'right', render: (v: number | null) => num(v, 2) },
          { title: t('policyAuthoring.preview.tags'), dataIndex: 'tags', key: 'tags', width: 200, render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
          { title: t('policyAuthoring.preview.benefit'), dataIndex: 'benefitWan', key: 'benefitWan', width: 110, align: 'right', render: (v: number | null) => num(v, 2) },
        ]}
      />
    </div>
  );
}
