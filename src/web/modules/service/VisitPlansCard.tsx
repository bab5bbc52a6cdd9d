import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Card, InputNumber, Table } from 'antd';
import type { z } from 'zod';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client.ts';
import type { OfficerLoadSchema, VisitPlanListSchema } from '../../../modules/service/service.schemas.ts';
import { planRows, type PlanRow } from './visit-plans.ts';

type OfficerLoad = z.infer<typeof OfficerLoadSchema>;
type VisitPlans = z.infer<typeof VisitPlanListSchema>;

/** 走访计划 of this quarter: per officer the visits planned (editable by managers) and done, and the completion rate. */
export function VisitPlansCard({ canPlan }: { canPlan: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const load = useQuery({ queryKey: ['service', 'load'], queryFn: ({ signal }) => api.get<OfficerLoad>('/api/v1/liaisons/load', undefined, { signal }) });
  const plans = useQuery({ queryKey: ['service', 'plans'], queryFn: ({ signal }) => api.get<VisitPlans>('/api/v1/visit-plans', undefined, { signal }) });
  const rows = useMemo(() => planRows(load.data?.items ?? [], plans.data?.items ?? []), [load.data, plans.data]);
  const quarter = plans.data?.quarter ?? '';

  const save = async (row: PlanRow, plannedVisits: number | null) => {
    if (plannedVisits === null || plannedVisits === row.plannedVisits) return;
    try {
      await api.put('/api/v1/visit-plans', { officerId: row.officerId, quarter, plannedVisits }, { silent: true });
      void client.invalidateQueries({ queryKey: ['service', 'plans'] });
    } catch (e) {
      void message.error(errorMessage(e, t));
    }
  };

  return (
    <Card title={t('service.liaisons.plans', { quarter })}>
      <Table<PlanRow>
        size="small" rowKey="officerId" loading={load.isFetching || plans.isFetching} dataSource={rows} pagination={false} data-testid="visit-plans"
        columns={[
          { title: t('service.liaisons.officer'), dataIndex: 'officerName' },
          {
            title: t('service.liaisons.planned'), key: 'planned', width: 160,
            render: (_, row) => (canPlan ? <PlanInput key={`${row.officerId}-${row.plannedVisits ?? ''}`} row={row} onSave={(n) => void save(row, n)} /> : (row.plannedVisits ?? '—')),
          },
          { title: t('service.liaisons.done'), dataIndex: 'doneVisits', width: 100 },
          { title: t('service.liaisons.completion'), dataIndex: 'completionRate', width: 100, render: (v: number | null) => (v === null ? '—' : `${v}%`) },
        ]}
      />
    </Card>
  );
}

/** The planned visits of one officer, saved on Enter or when the field loses focus. */
function PlanInput({ row, onSave }: { row: PlanRow; onSave: (planned: number | null) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState<number | null>(row.plannedVisits);
  return (
    <InputNumber
      min={0} max={500} precision={0} size="small" value={value} placeholder={t('service.liaisons.setPlan')} aria-label={t('service.liaisons.planned')}
      onChange={(v) => setValue(typeof v === 'number' ? v : null)}
      onBlur={() => onSave(value)}
      onPressEnter={() => onSave(value)}
    />
  );
}
