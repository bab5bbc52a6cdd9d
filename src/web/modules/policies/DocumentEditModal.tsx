import { Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { PolicyDocumentDetail } from './authoring-types.ts';
import { DocumentFields, showServerErrors, toDocumentBody, toDocumentFormValues } from './DocumentFields.tsx';
import type { DocumentFormValues } from './DocumentFields.tsx';

/** 编辑 a policy document: every field; its level and district only while it has no item. */
export function DocumentEditModal({ document, open, onClose, onSaved, districts, isDistrictOfficer }: {
  document: PolicyDocumentDetail;
  open: boolean;
  onClose: () => void;
  onSaved: (document: PolicyDocumentDetail) => void;
  districts: { code: string; name: string }[];
  isDistrictOfficer: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DocumentFormValues>();
  const levelLocked = document.items.length > 0;

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { level, divisionCode, ...rest } = toDocumentBody(values);
    try {
      const saved = await api.patch<PolicyDocumentDetail>(
        `/api/v1/policy-documents/${encodeURIComponent(document.id)}`,
        levelLocked ? rest : { ...rest, level, divisionCode },
        { silent: true },
      );
      onSaved(saved);
    } catch (error) {
      showServerErrors(form, error);
    }
  };

  return (
    <Modal
      open={open}
      title={t('policyDocuments.editTitle')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('common.save')}
      destroyOnHidden
      width={680}
    >
      <Form form={form} layout="vertical" initialValues={toDocumentFormValues(document)} data-testid="document-edit-form">
        <DocumentFields form={form} districts={districts} isDistrictOfficer={isDistrictOfficer} levelLocked={levelLocked} />
      </Form>
    </Modal>
  );
}
