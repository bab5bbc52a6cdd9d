import { Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { EnterprisePage } from '../../api/types.ts';

/** Chooses an enterprise in the caller's jurisdiction by name, 2 characters or more (the server's search: bigrams, pinyin initials). */
export function EnterprisePicker({ value, onChange, placeholder, id }: { value?: string; onChange?: (id: string) => void; placeholder: string; id?: string }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const search = async (q: string) => {
    if (q.trim().length < 2) return;
    const page = await api.get<EnterprisePage>('/api/v1/enterprises', { q, pageSize: 20 }, { silent: true }).catch(() => null);
    setOptions((page?.items ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.divisionName ?? e.divisionCode}）` })));
  };
  return <Select id={id} showSearch={{ filterOption: false, onSearch: (q) => void search(q) }} value={value} onChange={onChange} options={options} placeholder={placeholder} />;
}
