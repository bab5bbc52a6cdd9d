import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { EnterprisePage } from '../../api/types.ts';

type Option = { value: string; label: string };

/**
 * Chooses an enterprise in the caller's jurisdiction by name, 2 characters or more (the server's search: bigrams, pinyin
 * initials). `known` names an enterprise chosen before, so an edit form shows its name rather than its id.
 */
export function EnterprisePicker({ value, onChange, placeholder, id, known }: { value?: string; onChange?: (id: string) => void; placeholder: string; id?: string; known?: Option }) {
  const [found, setFound] = useState<Option[]>([]);
  const options = known && !found.some((o) => o.value === known.value) ? [known, ...found] : found;
  const search = async (q: string) => {
    if (q.trim().length < 2) return;
    const page = await api.get<EnterprisePage>('/api/v1/enterprises', { q, pageSize: 20 }, { silent: true }).catch(() => null);
    setFound((page?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.divisionName ?? e.divisionCode}）` })));
  };
  return <Select id={id} showSearch={{ filterOption: false, onSearch: (q) => void search(q) }} value={value} onChange={onChange} options={options} placeholder={placeholder} />;
}
