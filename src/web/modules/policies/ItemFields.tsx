import { Col, DatePicker, Divider, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';

/** The item's fields of one version (inside the builder's Form): title, effective date, article, validity, window, budget, 免申即享, verification. */
export function ItemFields() {
  const { t } = useTranslation();
  return (
    <>
      <Divider titlePlacement="start">{t('policyAuthoring.item.section')}</Divider>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item name="title" label={t('policyAuthoring.item.title')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="item-title" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="effectiveFrom" label={t('policyAuthoring.item.effectiveFrom')} extra={t('policyAuthoring.item.effectiveFromHint')}>
            <DatePicker />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="article" label={t('policyAuthoring.item.article')} rules={[{ required: true, whitespace: true }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} data-testid="item-article" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={12} md={6}>
          <Form.Item name="validFrom" label={t('policyAuthoring.item.validFrom')}>
            <DatePicker />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="validTo" label={t('policyAuthoring.item.validTo')}>
            <DatePicker />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="applicationOpensOn" label={t('policyAuthoring.item.opens')}>
            <DatePicker />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="applicationClosesOn" label={t('policyAuthoring.item.closes')}>
            <DatePicker />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="budgetWan" label={t('policyAuthoring.item.budget')}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="exemptFromApplication" label={t('policies.exempt')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="verification" label={t('policies.fields.verification')}>
            <Select options={[{ value: 'confirmed', label: t('policies.verification.confirmed') }, { value: '待核实', label: t('policies.verification.pending') }]} />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item name="verificationNote" label={t('policyAuthoring.item.verificationNote')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
