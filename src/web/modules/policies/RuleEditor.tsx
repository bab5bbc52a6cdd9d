import { QueryBuilderAntD } from '@react-querybuilder/antd';
import { Alert, Col, Collapse, Input, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryBuilder } from 'react-querybuilder';
import type { RuleGroupType } from 'react-querybuilder';
import 'react-querybuilder/dist/query-builder.css';
import { isRepresentable, jsonLogicToQuery, queryToJsonLogic } from './rule-builder.ts';
import type { BuilderField } from './rule-builder.ts';

/**
 * The eligibility rule, edited two ways that stay in sync: the visual builder over the registry's
 * fields, and the raw JsonLogic. A rule the builder cannot show (arithmetic inside a condition)
 * is edited as JSON only, and the builder says so.
 */
export function RuleEditor({ fields, value, onChange }: { fields: BuilderField[]; value: unknown; onChange: (rule: unknown) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<RuleGroupType>(() => (isRepresentable(value, fields) ? jsonLogicToQuery(value, fields) : { combinator: 'and', rules: [] }));
  const [text, setText] = useState(() => JSON.stringify(value ?? { and: [] }, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [builderOff, setBuilderOff] = useState(() => value !== null && value !== undefined && !isRepresentable(value, fields));
  const translations = useMemo(
    () => ({
      addRule: { label: t('policyAuthoring.builder.addRule'), title: t('policyAuthoring.builder.addRule') },
      addGroup: { label: t('policyAuthoring.builder.addGroup'), title: t('policyAuthoring.builder.addGroup') },
      removeRule: { label: '×', title: t('policyAuthoring.builder.remove') },
      removeGroup: { label: '×', title: t('policyAuthoring.builder.remove') },
      fields: { title: t('policyAuthoring.builder.field'), placeholderLabel: t('policyAuthoring.builder.pickField') },
      operators: { title: t('policyAuthoring.builder.operator') },
      value: { title: t('policyAuthoring.builder.value') },
      combinators: { title: t('policyAuthoring.builder.combinator') },
    }),
    [t],
  );
  const combinators = useMemo(() => [{ name: 'and', value: 'and', label: t('policyAuthoring.builder.and') }, { name: 'or', value: 'or', label: t('policyAuthoring.builder.or') }], [t]);

  const onQueryChange = (next: RuleGroupType) => {
    setQuery(next);
    const rule = queryToJsonLogic(next, fields);
    setText(JSON.stringify(rule, null, 2));
    setJsonError(null);
    onChange(rule);
  };

  const onTextChange = (next: string) => {
    setText(next);
    let parsed: unknown;
    try {
      parsed = JSON.parse(next);
    } catch {
      setJsonError(t('policyAuthoring.builder.notJson'));
      return;
    }
    setJsonError(null);
    onChange(parsed);
    if (isRepresentable(parsed, fields)) {
      setQuery(jsonLogicToQuery(parsed, fields));
      setBuilderOff(false);
    } else {
      setBuilderOff(true);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} xl={14}>
        <Typography.Text strong>{t('policyAuthoring.builder.visual')}</Typography.Text>
        {builderOff ? <Alert type="info" showIcon style={{ margin: '8px 0' }} title={t('policyAuthoring.builder.jsonOnly')} /> : null}
        <div data-testid="rule-builder" style={{ marginTop: 8, opacity: builderOff ? 0.5 : 1, pointerEvents: builderOff ? 'none' : 'auto' }}>
          <QueryBuilderAntD>
            <QueryBuilder fields={fields} query={query} onQueryChange={onQueryChange} translations={translations} combinators={combinators} resetOnFieldChange controlClassnames={{ queryBuilder: 'queryBuilder-branches' }} />
          </QueryBuilderAntD>
        </div>
      </Col>
      <Col xs={24} xl={10}>
        <Typography.Text strong>{t('policyAuthoring.builder.json')}</Typography.Text>
        <Input.TextArea
          value={text}
          onChange={(e) => onTextChange(e.target.value)}
          autoSize={{ minRows: 8, maxRows: 24 }}
          style={{ fontFamily: 'monospace', fontSize: 12, marginTop: 8 }}
          status={jsonError ? 'error' : undefined}
          data-testid="rule-json"
          spellCheck={false}
        />
        {jsonError ? <Typography.Text type="danger">{jsonError}</Typography.Text> : null}
        <Collapse
          size="small"
          ghost
          style={{ marginTop: 8 }}
          data-testid="rule-json-fields"
          items={[{
            key: 'fields',
            label: t('policyAuthoring.builder.jsonFields'),
            children: (
              <ul style={{ margin: 0, paddingLeft: 18, fontSize: 12 }}>
                {fields.map((f) => (
                  <li key={f.name}>
                    <Typography.Text code>{`{"var":"${f.name}"}`}</Typography.Text> {f.label}
                  </li>
                ))}
              </ul>
            ),
          }]}
        />
      </Col>
    </Row>
  );
}
