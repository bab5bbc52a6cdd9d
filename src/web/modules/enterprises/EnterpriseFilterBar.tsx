import { ReloadOutlined } from '@ant-design/icons';
import { Button, DatePicker, Input, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JurisdictionSelect } from '../reference/JurisdictionSelect.tsx';
import { SIZE_CLASSES } from '../../api/types.ts';
import { matchesTreeSearch } from '../reference/reference-trees.ts';
import { useIndustries, useTags } from '../reference/reference.hooks.ts';
import type { EnterpriseListState } from './enterprise-list-params.ts';

type Props = {
  state: EnterpriseListState;
  onChange: (change: Partial<EnterpriseListState>) => void;
  onReset: () => void;
};

const FIELD = { width: 200 } as const;

export function EnterpriseFilterBar({ state, onChange, onReset }: Props) {
  const { t } = useTranslation();
  const industries = useIndustries();
  const tags = useTags();
  const [q, setQ] = useState(state.q);
  useEffect(() => setQ(state.q), [state.q]);

  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center' }} data-testid="enterprise-filters">
      <Input.Search
        allowClear
        style={{ width: 280 }}
        placeholder={t('enterprises.filters.qPlaceholder')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(value) => onChange({ q: value.trim() })}
        enterButton
        aria-label={t('enterprises.filters.q')}
      />
      <JurisdictionSelect placeholder={t('enterprises.filters.division')} value={state.division} onChange={(division) => onChange({ division })} />
      <TreeSelect
        allowClear
        showSearch={{ filterTreeNode: (input, node) => matchesTreeSearch(input, node) }}
        style={FIELD}
        placeholder={t('enterprises.filters.industry')}
        treeData={industries.tree}
        value={state.industry ?? undefined}
        onChange={(value: string | undefined) => onChange({ industry: value ?? null })}
        popupMatchSelectWidth={420}
        listHeight={360}
        loading={industries.isLoading}
        treeNodeLabelProp="title"
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('enterprises.filters.sizeClass')}
        value={state.sizeClass ?? undefined}
        onChange={(value) => onChange({ sizeClass: value ?? null })}
        options={SIZE_CLASSES.map((s) => ({ value: s, label: t(`sizeClass.${s}`) }))}
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('enterprises.filters.aboveScale')}
        value={state.aboveScale === null ? undefined : String(state.aboveScale)}
        onChange={(value: string | undefined) => onChange({ aboveScale: value === undefined ? null : value === 'true' })}
        options={[
          { value: 'true', label: t('enterprises.aboveScale.yes') },
          { value: 'false', label: t('enterprises.aboveScale.no') },
        ]}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        style={{ width: 220 }}
        placeholder={t('enterprises.filters.tags')}
        value={state.tags}
        onChange={(value: string[]) => onChange({ tags: value })}
        options={tags.options}
      />
      <DatePicker.RangePicker
        picker="year"
        style={{ width: 220 }}
        placeholder={[t('enterprises.filters.foundedFrom'), t('enterprises.filters.foundedTo')]}
        allowEmpty={[true, true]}
        value={[
          state.foundedFrom ? dayjs(`${state.foundedFrom}-01-01`) : null,
          state.foundedTo ? dayjs(`${state.foundedTo}-01-01`) : null,
        ]}
        onChange={(range) =>
          onChange({ foundedFrom: range?.[0]?.year() ?? null, foundedTo: range?.[1]?.year() ?? null })
        }
      />
      <Button icon={<ReloadOutlined />} onClick={onReset}>
        {t('common.reset')}
      </Button>
    </div>
  );
}
