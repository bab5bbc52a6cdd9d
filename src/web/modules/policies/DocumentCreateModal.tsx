import { Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { PolicyDocument } from './authoring-types.ts';
import { DocumentFields, showServerErrors, toDocumentBody } from './DocumentFields.tsx';
import type { DocumentFormValues } from './DocumentFields.tsx';

/** A new policy document (文件): title, issuer, level (and district), 文号, dates, source and full text. */
export function DocumentCreateModal({ open, onClose, onCreated, districts, isDistrictOfficer }: {
  open: boolean;
  onClose: () => void;
  onCreated: (document: PolicyDocument) => void;
  districts: { code: string; name: string }[];
  isDistrictOfficer: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DocumentFormValues>();

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      const created = await api.post<PolicyDocument>('/api/v1/policy-documents', toDocumentBody(values), { silent: true });
      form.resetFields();
      onCreated(created);
    } catch (error) {
      showServerErrors(form, error);
    }
  };

  return (
    <Modal open={open} title={t('policyAuthoring.document.create')} onCancel={onClose} onOk={() => void submit()} okText={t('policyAuthoring.document.save')} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" initialValues={{ level: isDistrictOfficer ? 'district' : 'city' }} data-testid="document-form">
        <DocumentFields form={form} districts={districts} isDistrictOfficer={isDistrictOfficer} />
      </Form>
    </Modal>
  );
}
