import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { JurisdictionSelect } from '../reference/JurisdictionSelect.tsx';
import type { RequestListState } from './service-list-params.ts';
import { REQUEST_STATES } from './service-types.ts';
import type { ServiceCategory, ServiceDepartment } from './service-types.ts';

type Props = {
  state: RequestListState;
  update: (change: Partial<RequestListState>) => void;
  reset: () => void;
  categories: ServiceCategory[];
  departments: ServiceDepartment[];
};

/** The filters of the request list; every change goes to the URL. */
export function RequestFilterBar({ state, update, reset, categories, departments }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en-US';
  return (
    <Space wrap>
      <Input.Search allowClear placeholder={t('service.filters.q')} defaultValue={state.q} key={state.q} style={{ width: 200 }} onSearch={(q) => update({ q })} />
      <Select
        mode="multiple" allowClear placeholder={t('service.filters.state')} style={{ minWidth: 180 }} value={state.states}
        options={REQUEST_STATES.map((s) => ({ value: s, label: t(`service.states.${s}`) }))} onChange={(states) => update({ states })}
      />
      <Select
        allowClear placeholder={t('service.filters.category')} style={{ width: 140 }} value={state.category ?? undefined}
        options={categories.map((c) => ({ value: c.code, label: en ? c.nameEn : c.nameZh }))} onChange={(category) => update({ category: category ?? null })}
      />
      <Select
        allowClear showSearch optionFilterProp="label" placeholder={t('service.filters.department')} style={{ width: 200 }} value={state.department ?? undefined}
        options={departments.map((d) => ({ value: d.id, label: d.name }))} onChange={(department) => update({ department: department ?? null })}
      />
      <JurisdictionSelect placeholder={t('service.filters.district')} width={180} value={state.district} onChange={(district) => update({ district })} />
      <Select
        allowClear placeholder={t('service.filters.overdue')} style={{ width: 120 }} value={state.overdue === null ? undefined : String(state.overdue)}
        options={[{ value: 'true', label: t('service.filters.overdueYes') }, { value: 'false', label: t('service.filters.overdueNo') }]}
        onChange={(v) => update({ overdue: v === undefined ? null : v === 'true' })}
      />
      <Select
        allowClear placeholder={t('service.filters.escalated')} style={{ width: 120 }} value={state.escalated === null ? undefined : String(state.escalated)}
        options={[{ value: 'true', label: t('service.filters.escalatedYes') }, { value: 'false', label: t('service.filters.escalatedNo') }]}
        onChange={(v) => update({ escalated: v === undefined ? null : v === 'true' })}
      />
      {state.month ? <Button onClick={() => update({ month: null })}>{t('service.filters.month', { month: state.month })} ✕</Button> : null}
      <Button onClick={reset}>{t('common.reset')}</Button>
    </Space>
  );
}
