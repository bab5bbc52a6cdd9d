import { DatePicker, Form, Input, Select } from 'antd';
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { PolicyDocument } from './authoring-types.ts';

/** The values of the document form (dates as Dayjs, empty text as undefined). */
export type DocumentFormValues = {
  title: string;
  issuer: string;
  level: PolicyDocument['level'];
  divisionCode?: string;
  documentNumber?: string;
  publishedOn?: Dayjs | null;
  validFrom?: Dayjs | null;
  validTo?: Dayjs | null;
  sourceUrl: string;
  sourceNote?: string;
  fullText?: string;
};

const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
const toDay = (value: string | null) => (value ? dayjs(value) : null);
const textOrNull = (value: string | undefined) => value?.trim() || null;

/** The form's values as the API takes them (create and edit alike). */
export function toDocumentBody(values: DocumentFormValues) {
  return {
    title: values.title.trim(),
    issuer: values.issuer.trim(),
    level: values.level,
    divisionCode: values.level === 'district' ? (values.divisionCode ?? null) : null,
    documentNumber: textOrNull(values.documentNumber),
    publishedOn: day(values.publishedOn),
    validFrom: day(values.validFrom),
    validTo: day(values.validTo),
    sourceUrl: values.sourceUrl.trim(),
    sourceNote: textOrNull(values.sourceNote),
    fullText: textOrNull(values.fullText),
  };
}

/** A stored document as the form's initial values. */
export function toDocumentFormValues(document: PolicyDocument & { fullText?: string | null }): DocumentFormValues {
  return {
    title: document.title,
    issuer: document.issuer,
    level: document.level,
    divisionCode: document.divisionCode ?? undefined,
    documentNumber: document.documentNumber ?? undefined,
    publishedOn: toDay(document.publishedOn),
    validFrom: toDay(document.validFrom),
    validTo: toDay(document.validTo),
    sourceUrl: document.sourceUrl,
    sourceNote: document.sourceNote ?? undefined,
    fullText: document.fullText ?? undefined,
  };
}

const FIELD_NAMES: Record<keyof DocumentFormValues, true> = {
  title: true, issuer: true, level: true, divisionCode: true, documentNumber: true, publishedOn: true, validFrom: true, validTo: true, sourceUrl: true, sourceNote: true, fullText: true,
};

/** Puts the server's field problems (already in the user's language) under their fields; other errors under the title. */
export function showServerErrors(form: FormInstance<DocumentFormValues>, error: unknown): void {
  if (!(error instanceof ApiError)) return;
  const issues = (error.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
  const known = issues.filter((i) => i.path in FIELD_NAMES);
  if (known.length > 0) form.setFields(known.map((i) => ({ name: i.path as keyof DocumentFormValues, errors: [i.message] })));
  else form.setFields([{ name: 'title', errors: [error.message] }]);
}

/**
 * The fields of a policy document (文件), for creating and editing it. `levelLocked`: the document
 * has items, so its level and district stay as they are.
 */
export function DocumentFields({ form, districts, isDistrictOfficer, levelLocked = false }: {
  form: FormInstance<DocumentFormValues>;
  districts: { code: string; name: string }[];
  isDistrictOfficer: boolean;
  levelLocked?: boolean;
}) {
  const { t } = useTranslation();
  const level = Form.useWatch('level', form);
  const required = (field: string) => ({ required: true, whitespace: true, message: t('validation.required', { field }) });
  const label = (key: string) => t(`policyAuthoring.document.${key}`);
  return (
    <>
      <Form.Item name="title" label={label('title')} rules={[required(label('title'))]}>
        <Input maxLength={300} data-testid="document-title" />
      </Form.Item>
      <Form.Item name="issuer" label={label('issuer')} rules={[required(label('issuer'))]}>
        <Input maxLength={200} data-testid="document-issuer" />
      </Form.Item>
      <Form.Item name="level" label={label('level')} rules={[{ required: true, message: t('validation.required', { field: label('level') }) }]} extra={levelLocked ? t('policyDocuments.levelLocked') : undefined}>
        <Select
          disabled={isDistrictOfficer || levelLocked}
          options={(['national', 'province', 'city', 'district'] as const).map((l) => ({ value: l, label: t(`policies.level.${l}`) }))}
          data-testid="document-level"
        />
      </Form.Item>
      {level === 'district' ? (
        <Form.Item name="divisionCode" label={label('division')} rules={[{ required: true, message: t('validation.required', { field: label('division') }) }]}>
          <Select disabled={levelLocked} options={districts.map((d) => ({ value: d.code, label: d.name }))} />
        </Form.Item>
      ) : null}
      <Form.Item name="documentNumber" label={label('number')}>
        <Input maxLength={100} placeholder={label('numberHint')} data-testid="document-number" />
      </Form.Item>
      <Form.Item label={label('dates')} style={{ marginBottom: 0 }}>
        <Form.Item name="publishedOn" style={{ display: 'inline-block', marginRight: 8 }}>
          <DatePicker placeholder={label('publishedOn')} />
        </Form.Item>
        <Form.Item name="validFrom" style={{ display: 'inline-block', marginRight: 8 }}>
          <DatePicker placeholder={label('validFrom')} />
        </Form.Item>
        <Form.Item
          name="validTo"
          style={{ display: 'inline-block' }}
          dependencies={['validFrom']}
          rules={[
            ({ getFieldValue }) => ({
              validator: (_, value: Dayjs | null | undefined) => {
                const from = getFieldValue('validFrom') as Dayjs | null | undefined;
                return value && from && value.isBefore(from, 'day') ? Promise.reject(new Error(t('validation.datesInverted'))) : Promise.resolve();
              },
            }),
          ]}
        >
          <DatePicker placeholder={label('validTo')} />
        </Form.Item>
      </Form.Item>
      <Form.Item
        name="sourceUrl"
        label={label('sourceUrl')}
        rules={[required(label('sourceUrl')), { pattern: /^https?:\/\/\S+$/i, message: t('validation.url') }]}
      >
        <Input maxLength={2000} placeholder="https://" data-testid="document-source" />
      </Form.Item>
      <Form.Item name="sourceNote" label={label('sourceNote')}>
        <Input maxLength={500} placeholder={label('sourceNoteHint')} />
      </Form.Item>
      <Form.Item name="fullText" label={label('fullText')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} data-testid="document-full-text" />
      </Form.Item>
    </>
  );
}
