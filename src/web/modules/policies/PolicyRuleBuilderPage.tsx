import { ArrowLeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Form, Result, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { FullPageSpin } from '../../app/auth.tsx';
import { BenefitEditor } from './BenefitEditor.tsx';
import { DocumentCreateModal } from './DocumentCreateModal.tsx';
import { ItemFields } from './ItemFields.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { RulePreviewPanel } from './RulePreviewPanel.tsx';
import { usePolicyDocuments, usePolicyVersions } from './authoring.hooks.ts';
import type { PolicyDocument, PolicyItemVersion, PolicyItemVersions, PolicyPreview } from './authoring-types.ts';
import { usePublicPolicies } from './policies.hooks.ts';
import { benefitFormOf, benefitFormula, fieldLabel, toBuilderFields, unguardedUpperBounds } from './rule-builder.ts';
import type { BenefitForm, RuleFieldSpec } from './rule-builder.ts';

type Meta = {
  title: string;
  article: string;
  effectiveFrom: Dayjs | null;
  validFrom: Dayjs | null;
  validTo: Dayjs | null;
  applicationOpensOn: Dayjs | null;
  applicationClosesOn: Dayjs | null;
  budgetWan: number | null;
  exemptFromApplication: boolean;
  verification: 'confirmed' | '待核实';
  verificationNote: string;
};

type Issue = { path: string; code: string; message: string };

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
const toDay = (value: string | null) => (value ? dayjs(value) : null);

function metaOf(version: PolicyItemVersion | undefined): Partial<Meta> {
  if (!version) return { exemptFromApplication: false, verification: '待核实' };
  return {
    title: version.title,
    article: version.article,
    effectiveFrom: null,
    validFrom: toDay(version.validFrom),
    validTo: toDay(version.validTo),
    applicationOpensOn: toDay(version.applicationOpensOn),
    applicationClosesOn: toDay(version.applicationClosesOn),
    budgetWan: version.budgetWan,
    exemptFromApplication: version.exemptFromApplication,
    verification: version.verification,
    verificationNote: version.verificationNote,
  };
}

/** 新建政策事项 (`/policies/new`) and 编辑/新版本 (`/policies/:id/edit`): the page loads what it needs, then the editor. */
export function PolicyRuleBuilderPage({ user }: { user: User }) {
  const { id } = useParams();
  const { t } = useTranslation();
  const schema = usePublicPolicies();
  const versions = usePolicyVersions(id ?? null);
  if (schema.isLoading || (id && versions.isLoading)) return <FullPageSpin />;
  if (!schema.data || (id && !versions.data)) return <Result status="error" title={t('errors.loadFailed')} />;
  if (versions.data && !versions.data.canWrite) return <Result status="403" title={t('policyAuthoring.cannotWrite')} />;
  return <RuleBuilderForm key={id ?? 'new'} user={user} fieldSpecs={schema.data.fields} counties={schema.data.counties} existing={versions.data ?? null} />;
}

function RuleBuilderForm({ user, fieldSpecs, counties, existing }: { user: User; fieldSpecs: RuleFieldSpec[]; counties: { code: string; name: string }[]; existing: PolicyItemVersions | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const documents = usePolicyDocuments();
  const latest = existing?.versions[existing.versions.length - 1];
  const fields = useMemo(() => toBuilderFields(fieldSpecs, t, i18n.language), [fieldSpecs, t, i18n.language]);
  const [form] = Form.useForm<Meta>();
  const [documentId, setDocumentId] = useState<string | null>(existing?.document.id ?? null);
  const [creatingDocument, setCreatingDocument] = useState(false);
  const [rule, setRule] = useState<unknown>(latest?.eligibility ?? { and: [] });
  const [benefit, setBenefit] = useState<BenefitForm>(() => benefitFormOf(latest?.benefit ?? null));
  const [capWan, setCapWan] = useState<number | null>(latest?.benefitCapWan ?? null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [errorText, setErrorText] = useState<string | null>(null);
  const [preview, setPreview] = useState<PolicyPreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | 'publish' | null>(null);
  const isDistrictOfficer = user.role === 'district';
  const document: PolicyDocument | undefined = existing?.document ?? documents.data?.items.find((d) => d.id === documentId);
  const unguarded = useMemo(() => unguardedUpperBounds(rule), [rule]);

  const fail = (error: unknown) => {
    if (error instanceof ApiError) {
      setErrorText(error.message);
      setIssues((error.details as { issues?: Issue[] } | undefined)?.issues ?? []);
    } else {
      setErrorText(t('errors.unknown'));
    }
  };
  const formula = benefitFormula(benefit);
  const ruleBody = () => ({
    level: document?.level ?? 'city',
    divisionCode: document?.divisionCode ?? null,
    eligibility: rule,
    benefit: formula ?? null,
    benefitCapWan: capWan,
  });

  const runPreview = async () => {
    setBusy('preview');
    setErrorText(null);
    setIssues([]);
    try {
      if (formula === undefined) throw new ApiError({ status: 400, code: 'VALIDATION_FAILED', message: t('policyAuthoring.benefit.notJson') });
      setPreview(await api.post<PolicyPreview>('/api/v1/policy-rule-previews', ruleBody(), { silent: true }));
    } catch (error) {
      setPreview(null);
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  const save = async (publish: boolean) => {
    setErrorText(null);
    setIssues([]);
    let meta: Meta;
    try {
      meta = await form.validateFields();
    } catch {
      return;
    }
    if (!document) {
      setErrorText(t('policyAuthoring.pickDocument'));
      return;
    }
    if (formula === undefined) {
      setErrorText(t('policyAuthoring.benefit.notJson'));
      return;
    }
    setBusy(publish ? 'publish' : 'save');
    const version = {
      title: meta.title,
      article: meta.article,
      effectiveFrom: day(meta.effectiveFrom),
      validFrom: day(meta.validFrom),
      validTo: day(meta.validTo),
      eligibility: rule,
      benefit: formula,
      benefitCapWan: capWan,
      budgetWan: meta.budgetWan ?? null,
      applicationOpensOn: day(meta.applicationOpensOn),
      applicationClosesOn: day(meta.applicationClosesOn),
      exemptFromApplication: meta.exemptFromApplication,
      verification: meta.verification,
      ...(meta.verificationNote?.trim() ? { verificationNote: meta.verificationNote.trim() } : {}),
    };
    try {
      const saved = existing
        ? await api.post<PolicyItemVersions>(`/api/v1/policy-items/${encodeURIComponent(existing.id)}/versions`, version, { silent: true })
        : await api.post<PolicyItemVersions>('/api/v1/policy-items', { documentId: document.id, ...version }, { silent: true });
      if (publish) await api.post(`/api/v1/policy-items/${encodeURIComponent(saved.id)}/publications`, {}, { silent: true });
      await queryClient.invalidateQueries({ queryKey: ['policies'] });
      navigate(publish ? `/policies/${encodeURIComponent(saved.id)}` : `/policies/${encodeURIComponent(saved.id)}/edit`);
    } catch (error) {
      fail(error);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card
      title={existing ? t('policyAuthoring.editTitle', { title: latest?.title ?? existing.id, version: (latest?.version ?? 0) + 1 }) : t('policyAuthoring.newTitle')}
      extra={
        <Link to={existing ? `/policies/${encodeURIComponent(existing.id)}` : '/policies'}>
          <Button icon={<ArrowLeftOutlined />}>{t('policies.backToList')}</Button>
        </Link>
      }
    >
      <Typography.Paragraph type="secondary">{t('policyAuthoring.intro')}</Typography.Paragraph>
      <Divider titlePlacement="start">{t('policyAuthoring.document.section')}</Divider>
      {existing ? (
        <Typography.Paragraph>
          <Link to={`/policy-documents/${encodeURIComponent(existing.document.id)}`}>{existing.document.title}</Link> · {existing.document.documentNumber ?? t('policies.documentNumberPending')} · {t(`policies.level.${existing.document.level}`)}
        </Typography.Paragraph>
      ) : (
        <Space wrap style={{ marginBottom: 16 }}>
          <Select
            style={{ width: 480 }}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('policyAuthoring.pickDocument')}
            value={documentId ?? undefined}
            onChange={(value: string) => setDocumentId(value)}
            loading={documents.isLoading}
            options={(documents.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.title}${d.documentNumber ? `（${d.documentNumber}）` : ''}` }))}
            data-testid="document-select"
          />
          <Button icon={<PlusOutlined />} onClick={() => setCreatingDocument(true)} data-testid="document-create">
            {t('policyAuthoring.document.create')}
          </Button>
          {documentId ? <Link to={`/policy-documents/${encodeURIComponent(documentId)}`}>{t('policyDocuments.open')}</Link> : null}
        </Space>
      )}
      <DocumentCreateModal
        open={creatingDocument}
        onClose={() => setCreatingDocument(false)}
        districts={isDistrictOfficer ? counties.filter((c) => user.jurisdictionCode !== null && c.code.startsWith(user.jurisdictionCode.slice(0, 6))) : counties}
        isDistrictOfficer={isDistrictOfficer}
        onCreated={(created) => {
          setCreatingDocument(false);
          void queryClient.invalidateQueries({ queryKey: ['policies', 'documents'] }).then(() => setDocumentId(created.id));
          setDocumentId(created.id);
        }}
      />

      <Form form={form} layout="vertical" initialValues={metaOf(latest)}>
        <ItemFields />
      </Form>

      <Divider titlePlacement="start">{t('policyAuthoring.rule.section')}</Divider>
      <RuleEditor fields={fields} value={rule} onChange={(next) => { setRule(next); setPreview(null); }} />
      {unguarded.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          title={t('policyAuthoring.rule.unguarded', { fields: unguarded.map((name) => { const spec = fieldSpecs.find((f) => f.name === name); return spec ? fieldLabel(spec, i18n.language) : name; }).join(t('policyAuthoring.rule.listSeparator')) })}
          data-testid="rule-unguarded"
        />
      ) : null}

      <Divider titlePlacement="start">{t('policyAuthoring.benefit.section')}</Divider>
      <BenefitEditor value={benefit} onChange={setBenefit} capWan={capWan} onCapChange={setCapWan} fieldSpecs={fieldSpecs} />

      <Divider />
      {errorText ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={errorText}
          description={issues.length > 0 ? <ul style={{ margin: 0, paddingLeft: 20 }}>{issues.map((i) => <li key={`${i.path}-${i.code}`}>{i.path ? <code>{i.path}</code> : null} {i.message}</li>)}</ul> : undefined}
          data-testid="rule-errors"
        />
      ) : null}
      <Space wrap>
        <Button onClick={() => void runPreview()} loading={busy === 'preview'} data-testid="rule-preview-button">
          {t('policyAuthoring.actions.preview')}
        </Button>
        <Button onClick={() => void save(false)} loading={busy === 'save'} data-testid="rule-save">
          {t('policyAuthoring.actions.saveDraft')}
        </Button>
        <Button type="primary" onClick={() => void save(true)} loading={busy === 'publish'} disabled={!preview} data-testid="rule-publish">
          {t('policyAuthoring.actions.publish')}
        </Button>
        {!preview ? <Typography.Text type="secondary">{t('policyAuthoring.actions.previewFirst')}</Typography.Text> : null}
      </Space>
      {preview ? (
        <>
          <Divider titlePlacement="start">{t('policyAuthoring.preview.section')}</Divider>
          <RulePreviewPanel preview={preview} />
        </>
      ) : null}
    </Card>
  );
}
