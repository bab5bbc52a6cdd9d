import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Tag, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { api, errorMessage } from '../../api/client.ts';
import type { ClassifyResult } from '../../api/types.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { SizeClassTag } from '../enterprises/EnterpriseTags.tsx';
import { isNonNegativeNumber } from '../enterprises/enterprise-validation.ts';
import { matchesTreeSearch } from '../reference/reference-trees.ts';
import { useIndustries } from '../reference/reference.hooks.ts';
import { toClassifyInput } from './classify-input.ts';
import type { SelfCheckValues as Values } from './classify-input.ts';

export function SelfCheckPage() {
  const { t } = useTranslation();
  const location = useLocation();
  const isPublic = location.pathname.endsWith('/public');
  const industries = useIndustries({ isPublic });
  const [result, setResult] = useState<ClassifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const classify = async (values: Values) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.post<ClassifyResult>('/api/v1/standards/classify', toClassifyInput(values), { silent: true, allowUnauthorized: true }));
    } catch (cause) {
      setResult(null);
      setError(errorMessage(cause, t));
    } finally {
      setBusy(false);
    }
  };

  const nonNegative = {
    validator: (_rule: unknown, value: unknown) =>
      value === null || value === undefined || isNonNegativeNumber(value) ? Promise.resolve() : Promise.reject(new Error(t('validation.nonNegative'))),
  };
  const money = (name: keyof Values, label: string) => (
    <Col xs={24} md={12}>
      <Form.Item name={name} label={label} rules={[nonNegative]}>
        <InputNumber style={{ width: '100%' }} min={0} precision={2} controls={false} />
      </Form.Item>
    </Col>
  );

  const page = (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={14}>
        <Card title={t('selfCheck.title')}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('selfCheck.intro')}
          </Typography.Paragraph>
          <Form<Values>
            layout="vertical"
            onFinish={(values) => void classify(values)}
            initialValues={{ industryCode: undefined, employees: null, revenueWan: null, assetsWan: null, mainBusinessRevenueWan: null }}
            data-testid="self-check-form"
          >
            <Form.Item
              name="industryCode"
              label={t('fields.industry')}
              rules={[{ required: true, message: t('validation.required', { field: t('fields.industry') }) }]}
              extra={t('selfCheck.industryHint')}
            >
              {industries.isError || (!industries.isLoading && industries.items.length === 0) ? (
                <Input placeholder="C3670" style={{ fontFamily: 'monospace' }} />
              ) : (
                <TreeSelect
                  showSearch={{ filterTreeNode: (input, node) => matchesTreeSearch(input, node) }}
                  treeData={industries.tree}
                  loading={industries.isLoading}
                  listHeight={360}
                  placeholder={t('selfCheck.industryPlaceholder')}
                />
              )}
            </Form.Item>
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="employees" label={t('fields.employees')} rules={[nonNegative]}>
                  <InputNumber style={{ width: '100%' }} min={0} precision={0} suffix={t('units.people')} controls={false} />
                </Form.Item>
              </Col>
              {money('revenueWan', t('fields.revenueWan'))}
              {money('assetsWan', t('fields.assetsWan'))}
              {money('mainBusinessRevenueWan', t('fields.mainBusinessRevenueWan'))}
            </Row>
            <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy}>
              {t('selfCheck.submit')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card title={t('selfCheck.result')} data-testid="self-check-result">
          {error ? <Alert type="error" showIcon title={error} /> : null}
          {!error && !result ? <Typography.Text type="secondary">{t('selfCheck.noResult')}</Typography.Text> : null}
          {result ? (
            <>
              <div style={{ textAlign: 'center', padding: '8px 0 20px' }} data-testid="self-check-size">
                <Typography.Text type="secondary">{t('selfCheck.conclusion')}</Typography.Text>
                <div style={{ fontSize: 28, fontWeight: 600, color: '#0d2a57', marginTop: 4 }}>
                  {result.sizeClass ? t(`sizeClass.${result.sizeClass}Enterprise`) : t('selfCheck.unclassified')}
                </div>
              </div>
              <Descriptions bordered size="small" column={1}>
                <Descriptions.Item label={t('fields.sizeClass')}>
                  <SizeClassTag sizeClass={result.sizeClass} />
                </Descriptions.Item>
                <Descriptions.Item label={t('fields.aboveScale')}>
                  {result.aboveScale ? <Tag color="green">{t('selfCheck.aboveScaleYes')}</Tag> : <Tag>{t('selfCheck.aboveScaleNo')}</Tag>}
                </Descriptions.Item>
                {result.reason ? <Descriptions.Item label={t('selfCheck.reason')}>{result.reason}</Descriptions.Item> : null}
                {result.version ? <Descriptions.Item label={t('selfCheck.version')}>{result.version}</Descriptions.Item> : null}
              </Descriptions>
            </>
          ) : null}
          <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
            {t('selfCheck.basis')}
          </Typography.Paragraph>
        </Card>
      </Col>
    </Row>
  );

  if (!isPublic) return page;
  return (
    <div style={{ minHeight: '100vh', background: '#f0f2f5' }}>
      <div style={{ background: '#0d2a57', color: '#fff', padding: '10px 20px', display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <Link to="/login" style={{ color: '#fff', fontSize: 16, fontWeight: 600, letterSpacing: 2 }}>
          {t('app.name')} · {t('app.fullName')}
        </Link>
        <LanguageSwitch />
      </div>
      <div style={{ maxWidth: 1200, margin: '0 auto', padding: 16 }}>{page}</div>
    </div>
  );
}
