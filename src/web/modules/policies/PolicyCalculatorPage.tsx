import { CalculatorOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Statistic, Switch, Tabs, TreeSelect, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { ApiError, api, errorMessage } from '../../api/client.ts';
import { fieldIssues } from '../../api/http.ts';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { matchesTreeSearch } from '../reference/reference-trees.ts';
import { useIndustries } from '../reference/reference.hooks.ts';
import { toCalculatorBody } from './calculator-input.ts';
import type { CalculatorValues } from './calculator-input.ts';
import { MatchedItems, NearMissItems } from './MatchCards.tsx';
import { usePublicPolicies } from './policies.hooks.ts';
import type { PolicyCalculatorResult } from './policy-types.ts';

type FormValues = Omit<CalculatorValues, 'foundedOn'> & { foundedOn?: Dayjs | null };

/** 政策计算器: a few figures in, the items they would qualify for out; nothing is stored. Public at /policy-calculator/public. */
export function PolicyCalculatorPage() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const isPublic = location.pathname.endsWith('/public');
  const industries = useIndustries({ isPublic: true });
  const catalogue = usePublicPolicies();
  const [form] = Form.useForm<FormValues>();
  const [result, setResult] = useState<PolicyCalculatorResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const files = useMemo(() => new Map(catalogue.data?.items.map((item) => [item.id, item.attachments]) ?? []), [catalogue.data]);
  const tagValues = catalogue.data?.fields.find((f) => f.name === 'tags')?.values ?? [];

  const calculate = async (values: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const body = toCalculatorBody({ ...values, foundedOn: values.foundedOn ? values.foundedOn.format('YYYY-MM-DD') : null });
      setResult(await api.post<PolicyCalculatorResult>('/api/v1/public/policy-calculator', body, { silent: true, allowUnauthorized: true }));
    } catch (cause) {
      setResult(null);
      setError(errorMessage(cause, t));
      if (cause instanceof ApiError) {
        const issues = fieldIssues(cause.details);
        form.setFields(issues.filter((i) => i.path).map((i) => ({ name: i.path.split('.')[0] as keyof FormValues, errors: [i.message] })));
      }
    } finally {
      setBusy(false);
    }
  };

  const figure = (name: keyof CalculatorValues, label: string, unit: string, precision = 2) => (
    <Col xs={24} md={12}>
      <Form.Item name={name} label={label}>
        <InputNumber style={{ width: '100%' }} min={0} precision={precision} suffix={unit} controls={false} data-testid={`calc-${name}`} />
      </Form.Item>
    </Col>
  );

  const page = (
    <Row gutter={[12, 12]}>
      <Col xs={24} xl={10}>
        <Card title={t('policies.calculator.title')}>
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {t('policies.calculator.intro')}
          </Typography.Paragraph>
          <Form<FormValues> form={form} layout="vertical" onFinish={(v) => void calculate(v)} initialValues={{ legalEntity: true, tags: [] }} data-testid="calculator-form">
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item name="divisionCode" label={t('fields.division')} rules={[{ required: true, message: t('validation.required', { field: t('fields.division') }) }]}>
                  <Select
                    showSearch={{ optionFilterProp: 'label' }}
                    loading={catalogue.isLoading}
                    options={(catalogue.data?.counties ?? []).map((c) => ({ value: c.code, label: c.name }))}
                    data-testid="calc-division"
                  />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="industryCode" label={t('fields.industry')} rules={[{ required: true, message: t('validation.required', { field: t('fields.industry') }) }]}>
                  {industries.isError || (!industries.isLoading && industries.items.length === 0) ? (
                    <Input placeholder="C3670" style={{ fontFamily: 'monospace' }} data-testid="calc-industry-code" />
                  ) : (
                    <TreeSelect
                      showSearch={{ filterTreeNode: (input, node) => matchesTreeSearch(input, node) }}
                      treeData={industries.tree}
                      loading={industries.isLoading}
                      listHeight={360}
                      placeholder={t('selfCheck.industryPlaceholder')}
                      data-testid="calc-industry"
                    />
                  )}
                </Form.Item>
              </Col>
              {figure('employees', t('fields.employees'), t('units.people'), 0)}
              {figure('revenueWan', t('fields.revenueWan'), t('policies.calculator.wan'))}
              {figure('mainBusinessRevenueWan', t('fields.mainBusinessRevenueWan'), t('policies.calculator.wan'))}
              {figure('assetsWan', t('fields.assetsWan'), t('policies.calculator.wan'))}
              {figure('rdExpenseWan', t('fields.rdExpenseWan'), t('policies.calculator.wan'))}
              {figure('taxWan', t('fields.taxWan'), t('policies.calculator.wan'))}
              {figure('landMu', t('fields.landMu'), t('policies.calculator.mu'))}
              {figure('patents', t('fields.patents'), t('policies.calculator.pieces'), 0)}
              <Col xs={24} md={12}>
                <Form.Item name="foundedOn" label={t('fields.foundedOn')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="legalEntity" label={t('policies.calculator.legalEntity')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              </Col>
              <Col xs={24}>
                <Form.Item name="tags" label={t('fields.tags')}>
                  <Select mode="multiple" allowClear options={tagValues.map((v) => ({ value: v, label: v }))} data-testid="calc-tags" />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={busy} data-testid="calc-submit">
              {t('policies.calculator.submit')}
            </Button>
          </Form>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>
            {t('policies.calculator.privacy')}
          </Typography.Paragraph>
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card title={t('policies.calculator.result')} data-testid="calculator-result">
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="calculator-error" /> : null}
          {!error && !result ? <Typography.Text type="secondary">{t('policies.calculator.noResult')}</Typography.Text> : null}
          {result ? (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <Space size={32}>
                <Statistic title={t('policies.matchedCount')} value={result.matches.length} />
                <Statistic title={t('policies.nearMissCountOne')} value={result.nearMisses.length} />
                <Statistic title={t('policies.estimatedTotal')} value={result.totalBenefitWan} formatter={(v) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(Number(v))} />
              </Space>
              <Typography.Text type="secondary">
                {t('policies.calculator.derived', {
                  size: result.derived.sizeClass ? t(`sizeClass.${result.derived.sizeClass}`) : t('selfCheck.unclassified'),
                  aboveScale: result.derived.aboveScale ? t('selfCheck.aboveScaleYes') : t('selfCheck.aboveScaleNo'),
                })}
              </Typography.Text>
              <Tabs
                items={[
                  { key: 'matches', label: `${t('policies.qualifies')} (${result.matches.length})`, children: <MatchedItems matches={result.matches} linkItems={false} files={files} /> },
                  { key: 'near', label: `${t('policies.nearlyQualifies')} (${result.nearMisses.length})`, children: <NearMissItems nearMisses={result.nearMisses} linkItems={false} /> },
                ]}
              />
              <Alert type="info" showIcon title={t('policies.estimateDisclaimer')} />
            </Space>
          ) : null}
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
      <div style={{ maxWidth: 1280, margin: '0 auto', padding: 16 }}>{page}</div>
    </div>
  );
}
