import { DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client.ts';
import type { PolicyDocument } from './authoring-types.ts';

type Values = {
  title: string;
  issuer: string;
  level: 'national' | 'province' | 'city' | 'district';
  divisionCode?: string;
  documentNumber?: string;
  publishedOn?: Dayjs | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  sourceUrl: string;
  fullText?: string;
};

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);

/** A new policy document (文件): title, issuer, level (and district), 文号, dates, source and full text. */
export function DocumentCreateModal({ open, onClose, onCreated, districts, isDistrictOfficer }: {
  open: boolean;
  onClose: () => void;
  onCreated: (document: PolicyDocument) => void;
  districts: { code: string; name: string }[];
  isDistrictOfficer: boolean;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('level', form);

  const submit = async () => {
    const values = await form.validateFields();
    try {
      const created = await api.post<PolicyDocument>('/api/v1/policy-documents', {
        title: values.title,
        issuer: values.issuer,
        level: values.level,
        divisionCode: values.level === 'district' ? (values.divisionCode ?? null) : null,
        documentNumber: values.documentNumber?.trim() || null,
        publishedOn: day(values.publishedOn),
        validFrom: day(values.validFrom),
        validTo: day(values.validTo),
        sourceUrl: values.sourceUrl,
        fullText: values.fullText?.trim() || null,
      }, { silent: true });
      form.resetFields();
      onCreated(created);
    } catch (error) {
      const issues = error instanceof ApiError ? ((error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? []) : [];
      form.setFields(issues.map((i) => ({ name: i.path as keyof Values, errors: [i.message] })));
      if (error instanceof ApiError && issues.length === 0) form.setFields([{ name: 'title', errors: [error.message] }]);
    }
  };

  return (
    <Modal open={open} title={t('policyAuthoring.document.create')} onCancel={onClose} onOk={() => void submit()} okText={t('policyAuthoring.document.save')} destroyOnHidden width={640}>
      <Form form={form} layout="vertical" initialValues={{ level: isDistrictOfficer ? 'district' : 'city' }} data-testid="document-form">
        <Form.Item name="title" label={t('policyAuthoring.document.title')} rules={[{ required: true }]}>
          <Input data-testid="document-title" />
        </Form.Item>
        <Form.Item name="issuer" label={t('policyAuthoring.document.issuer')} rules={[{ required: true }]}>
          <Input data-testid="document-issuer" />
        </Form.Item>
        <Form.Item name="level" label={t('policyAuthoring.document.level')} rules={[{ required: true }]}>
          <Select
            disabled={isDistrictOfficer}
            options={(['national', 'province', 'city', 'district'] as const).map((l) => ({ value: l, label: t(`policies.level.${l}`) }))}
          />
        </Form.Item>
        {level === 'district' ? (
          <Form.Item name="divisionCode" label={t('policyAuthoring.document.division')} rules={[{ required: true }]}>
            <Select options={districts.map((d) => ({ value: d.code, label: d.name }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="documentNumber" label={t('policyAuthoring.document.number')}>
          <Input placeholder={t('policyAuthoring.document.numberHint')} />
        </Form.Item>
        <Form.Item label={t('policyAuthoring.document.dates')} style={{ marginBottom: 0 }}>
          <Form.Item name="publishedOn" style={{ display: 'inline-block', marginRight: 8 }}>
            <DatePicker placeholder={t('policyAuthoring.document.publishedOn')} />
          </Form.Item>
          <Form.Item name="validFrom" style={{ display: 'inline-block', marginRight: 8 }}>
            <DatePicker placeholder={t('policyAuthoring.document.validFrom')} />
          </Form.Item>
          <Form.Item name="validTo" style={{ display: 'inline-block' }}>
            <DatePicker placeholder={t('policyAuthoring.document.validTo')} />
          </Form.Item>
        </Form.Item>
        <Form.Item name="sourceUrl" label={t('policyAuthoring.document.sourceUrl')} rules={[{ required: true, type: 'url' }]}>
          <Input placeholder="https://" data-testid="document-source" />
        </Form.Item>
        <Form.Item name="fullText" label={t('policyAuthoring.document.fullText')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
