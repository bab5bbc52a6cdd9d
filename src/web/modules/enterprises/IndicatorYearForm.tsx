import { Button, Col, Form, InputNumber, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { YearlyIndicator } from '../../api/types.ts';
import { INDICATOR_FIELDS, type IndicatorField } from './indicator-year.ts';

export type IndicatorYearValues = { year: number } & Record<IndicatorField, number | null>;

/** One year's ten figures; whole numbers for people and patents, 万元/亩/吨标准煤 with two decimals for the rest. */
export function IndicatorYearForm({ initial, years, onSubmit, onCancel }: {
  initial: Partial<YearlyIndicator> & { year: number };
  years: number[];
  onSubmit: (values: IndicatorYearValues) => Promise<void>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<IndicatorYearValues>();
  const thisYear = new Date().getFullYear();
  const year = Form.useWatch('year', form);
  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={(values) => onSubmit(values)}>
      <Form.Item name="year" label={t('fields.year')} rules={[{ required: true, message: t('indicators.yearRequired') }]} extra={typeof year === 'number' && years.includes(year) ? t('indicators.overwrites') : undefined}>
        <InputNumber min={1949} max={thisYear} precision={0} style={{ width: 160 }} data-testid="indicator-year" />
      </Form.Item>
      <Row gutter={16}>
        {INDICATOR_FIELDS.map((field) => (
          <Col span={12} key={field}>
            <Form.Item name={field} label={t(`fields.${field}`)} rules={[{ type: 'number', min: 0, message: t('indicators.notNegative') }]}>
              <InputNumber min={0} precision={field === 'employees' || field === 'patents' ? 0 : 2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        ))}
      </Row>
      <Space>
        <Button type="primary" htmlType="submit" data-testid="indicator-save">{t('common.save')}</Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
