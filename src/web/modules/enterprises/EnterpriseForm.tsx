import { App, Button, Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Space, TreeSelect } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { matchesTreeSearch } from '../reference/reference-trees.ts';
import { useDivisions, useIndustries, useTags } from '../reference/reference.hooks.ts';
import { serverFieldErrors } from './enterprise-form.ts';
import type { EnterpriseFormValues } from './enterprise-form.ts';
import { creditCodeProblem, isNonNegativeNumber } from './enterprise-validation.ts';

type Props = {
  initialValues: EnterpriseFormValues;
  submitText: string;
  onSubmit: (values: EnterpriseFormValues) => Promise<void>;
  onCancel?: () => void;
  /** Fields shown but not editable (an enterprise user may not change its identity, location or certifications). */
  lockedFields?: readonly string[];
};

/**
 * Puts the server's complaints onto the fields they are about; returns false when the
 * error is about no field (the caller shows it as a message).
 */
export function applyServerErrors(form: FormInstance<EnterpriseFormValues>, error: unknown): boolean {
  const fields = serverFieldErrors(error);
  if (!fields) return false;
  form.setFields(fields);
  return true;
}

export function EnterpriseForm({ initialValues, submitText, onSubmit, onCancel, lockedFields = [] }: Props) {
  const locked = (field: string) => lockedFields.includes(field);
  const { t } = useTranslation();
  const [form] = Form.useForm<EnterpriseFormValues>();
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const divisions = useDivisions();
  const industries = useIndustries();
  const tags = useTags();

  const required = (label: string): Rule => ({ required: true, message: t('validation.required', { field: label }) });
  const nonNegative: Rule = {
    validator: (_rule, value: unknown) =>
      value === null || value === undefined || isNonNegativeNumber(value)
        ? Promise.resolve()
        : Promise.reject(new Error(t('validation.nonNegative'))),
  };
  const creditCodeRule: Rule = {
    validator: (_rule, value: unknown) => {
      if (typeof value !== 'string' || value.trim() === '') return Promise.resolve();
      const problem = creditCodeProblem(value);
      return problem ? Promise.reject(new Error(t(`validation.creditCode.${problem}`))) : Promise.resolve();
    },
  };

  const submit = async (values: EnterpriseFormValues) => {
    setSaving(true);
    try {
      await onSubmit({ ...initialValues, ...values });
    } catch (error) {
      if (applyServerErrors(form, error)) return;
      void message.error(errorMessage(error, t));
    } finally {
      setSaving(false);
    }
  };

  const number = (name: keyof EnterpriseFormValues, label: string, options: { required?: boolean; precision?: number; unit?: string } = {}) => (
    <Col xs={24} md={12} xl={6}>
      <Form.Item name={name} label={label} rules={[...(options.required ? [required(label)] : []), nonNegative]}>
        <InputNumber style={{ width: '100%' }} precision={options.precision} suffix={options.unit} controls={false} />
      </Form.Item>
    </Col>
  );

  return (
    <Form<EnterpriseFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => void submit(values)}
      scrollToFirstError
      data-testid="enterprise-form"
    >
      <Divider titlePlacement="start" plain style={{ marginTop: 0 }}>
        {t('enterprises.sections.basic')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name="creditCode"
            label={t('fields.creditCode')}
            rules={[required(t('fields.creditCode')), creditCodeRule]}
            normalize={(v: string) => v.toUpperCase()}
          >
            <Input maxLength={18} style={{ fontFamily: 'monospace' }} disabled={locked('creditCode')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={16}>
          <Form.Item name="name" label={t('fields.name')} rules={[required(t('fields.name')), { max: 100 }]}>
            <Input maxLength={100} disabled={locked('name')} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="divisionCode" label={t('fields.division')} rules={[required(t('fields.division'))]}>
            <TreeSelect
              showSearch={{ filterTreeNode: (input, node) => matchesTreeSearch(input, node) }}
              treeData={divisions.assignableTree}
              treeDefaultExpandedKeys={divisions.tree.map((n) => n.value)}
              treeNodeLabelProp="label"
              loading={divisions.isLoading}
              disabled={locked('divisionCode')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="industryCode" label={t('fields.industry')} rules={[required(t('fields.industry'))]}>
            <TreeSelect
              showSearch={{ filterTreeNode: (input, node) => matchesTreeSearch(input, node) }}
              treeData={industries.tree}
              popupMatchSelectWidth={420}
              listHeight={360}
              loading={industries.isLoading}
              disabled={locked('industryCode')}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name="foundedOn"
            label={t('fields.foundedOn')}
            getValueProps={(value: string | null) => ({ value: value ? dayjs(value) : null })}
            normalize={(value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null)}
          >
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs())} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="tags" label={t('fields.tags')}>
            <Select mode="multiple" options={tags.options} allowClear disabled={locked('tags')} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('enterprises.sections.figures')}
      </Divider>
      <Row gutter={16}>
        {number('employees', t('fields.employees'), { required: true, precision: 0, unit: t('units.people') })}
        {number('revenueWan', t('fields.revenueWan'), { required: true, precision: 2 })}
        {number('mainBusinessRevenueWan', t('fields.mainBusinessRevenueWan'), { precision: 2 })}
        {number('assetsWan', t('fields.assetsWan'), { required: true, precision: 2 })}
      </Row>
      <Divider titlePlacement="start" plain>
        {t('enterprises.sections.contact')}
      </Divider>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item name="legalRepresentative" label={t('fields.legalRepresentative')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="contactName" label={t('fields.contactName')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="contactPhone"
            label={t('fields.contactPhone')}
            rules={[
              {
                validator: (_rule, value: unknown) =>
                  typeof value !== 'string' || value === '' || value.includes('*') || /^[\d+\-() ]{5,20}$/.test(value)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('validation.phone'))),
              },
            ]}
          >
            <Input maxLength={20} />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('fields.address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="enterprise-form-submit">
          {submitText}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </Space>
    </Form>
  );
}
