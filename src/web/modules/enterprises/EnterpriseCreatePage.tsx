import { useQueryClient } from '@tanstack/react-query';
import { App, Card } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { EnterpriseDetail } from '../../api/types.ts';
import { EnterpriseForm } from './EnterpriseForm.tsx';
import { EMPTY_ENTERPRISE_FORM, toEnterpriseInput } from './enterprise-form.ts';
import type { EnterpriseFormValues } from './enterprise-form.ts';
import { enterpriseKey } from './enterprise.hooks.ts';

export function EnterpriseCreatePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { message } = App.useApp();

  const create = async (values: EnterpriseFormValues) => {
    const created = await api.post<EnterpriseDetail>('/api/v1/enterprises', toEnterpriseInput(values), { silent: true });
    client.setQueryData(enterpriseKey(created.id), created);
    void client.invalidateQueries({ queryKey: ['enterprises', 'list'] });
    void message.success(t('enterprises.created'));
    navigate(`/enterprises/${created.id}`, { replace: true });
  };

  return (
    <Card title={t('enterprises.createTitle')}>
      <div style={{ maxWidth: 960 }}>
        <EnterpriseForm initialValues={EMPTY_ENTERPRISE_FORM} submitText={t('enterprises.create')} onSubmit={create} onCancel={() => navigate(-1)} />
      </div>
    </Card>
  );
}
