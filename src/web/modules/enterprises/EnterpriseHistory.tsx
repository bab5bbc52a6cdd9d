import { Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../../api/types.ts';
import { formatDateTime, formatValue } from '../../components/format.ts';
import { useDivisions, useIndustries, useTags } from '../reference/reference.hooks.ts';
import { useEnterpriseHistory } from './enterprise.hooks.ts';

export function EnterpriseHistory({ id }: { id: string }) {
  const { t } = useTranslation();
  const history = useEnterpriseHistory(id);
  const divisions = useDivisions();
  const industries = useIndustries();
  const tags = useTags();
  /** Codes as names, enums as labels: the history reads like the form. */
  const show = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return formatValue(value);
    if (field === 'sizeClass' && typeof value === 'string') return t(`sizeClass.${value}`, { defaultValue: value });
    if (field === 'aboveScale' && typeof value === 'boolean') return t(value ? 'enterprises.aboveScale.yes' : 'enterprises.aboveScale.no');
    if (field === 'divisionCode' && typeof value === 'string') return divisions.names.get(value) ?? value;
    if (field === 'industryCode' && typeof value === 'string') {
      const name = industries.names.get(value);
      return name ? `${value} ${name}` : value;
    }
    if (field === 'tags' && Array.isArray(value)) return formatValue(value.map((v) => tags.label(String(v))));
    return formatValue(value);
  };
  return (
    <Table<HistoryEntry>
      size="small"
      bordered
      rowKey="id"
      loading={history.isLoading}
      dataSource={history.data?.items ?? []}
      pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('enterprises.noHistory')} /> }}
      data-testid="enterprise-history"
      columns={[
        { title: t('history.at'), dataIndex: 'at', width: 150, render: (at: string) => formatDateTime(at) },
        { title: t('history.actor'), dataIndex: 'actorName', width: 120 },
        {
          title: t('history.action'),
          dataIndex: 'action',
          width: 100,
          render: (action: string) => t(`actions.${action}`, { defaultValue: action }),
        },
        {
          title: t('history.changes'),
          dataIndex: 'changes',
          render: (all: HistoryEntry['changes']) => {
            // A creation lists every field; the ones left empty say nothing.
            const changes = all.filter((c) => formatValue(c.before) !== formatValue(c.after));
            return changes.length === 0 ? (
              '—'
            ) : (
              <div style={{ display: 'grid', gap: 2 }}>
                {changes.map((change) => (
                  <div key={change.field}>
                    <Typography.Text type="secondary">{t(`fields.${change.field}`, { defaultValue: change.field })}: </Typography.Text>
                    <Typography.Text delete type="secondary">
                      {show(change.field, change.before)}
                    </Typography.Text>
                    {' → '}
                    <Typography.Text strong>{show(change.field, change.after)}</Typography.Text>
                  </div>
                ))}
              </div>
            );
          },
        },
      ]}
    />
  );
}
