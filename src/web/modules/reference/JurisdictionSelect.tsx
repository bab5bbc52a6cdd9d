import { TreeSelect } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { matchesTreeSearch } from './reference-trees.ts';
import { useJurisdictionTree } from './reference.hooks.ts';

/** Chooses a division or a functional zone (郑东新区) to filter by; searchable by name or code. */
export function JurisdictionSelect({ value, onChange, placeholder, width = 220 }: { value: string | null; onChange: (code: string | null) => void; placeholder: string; width?: number }) {
  const { t } = useTranslation();
  const zoneLabel = useCallback((name: string) => t('reference.zone', { name }), [t]);
  const jurisdictions = useJurisdictionTree(zoneLabel);
  return (
    <TreeSelect
      allowClear
      showSearch={{ filterTreeNode: (input, node) => matchesTreeSearch(input, node) }}
      style={{ width }}
      placeholder={placeholder}
      treeData={jurisdictions.tree}
      value={value ?? undefined}
      onChange={(code: string | undefined) => onChange(code ?? null)}
      treeDefaultExpandedKeys={jurisdictions.tree.map((n) => n.value)}
      popupMatchSelectWidth={280}
      loading={jurisdictions.isLoading}
      treeNodeLabelProp="label"
      data-testid="jurisdiction-select"
    />
  );
}
