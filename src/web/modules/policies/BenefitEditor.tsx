import { Input, InputNumber, Segmented, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { benefitFormula, fieldLabel } from './rule-builder.ts';
import type { BenefitForm, RuleFieldSpec } from './rule-builder.ts';

/** The benefit formula in the forms an official picks (不估算, a fixed amount, a field × rate, JsonLogic) and its cap. */
export function BenefitEditor({ value, onChange, capWan, onCapChange, fieldSpecs }: {
  value: BenefitForm;
  onChange: (next: BenefitForm) => void;
  capWan: number | null;
  onCapChange: (next: number | null) => void;
  fieldSpecs: RuleFieldSpec[];
}) {
  const { t, i18n } = useTranslation();
  const numericFields = fieldSpecs.filter((f) => f.type === 'number' || f.type === 'integer');
  const formula = benefitFormula(value);
  const switchTo = (kind: BenefitForm['kind']): BenefitForm => {
    switch (kind) {
      case 'none':
        return { kind };
      case 'fixed':
        return { kind, amountWan: 0 };
      case 'rate':
        return { kind, field: 'rdExpenseWan', rate: 0.1 };
      case 'json':
        return { kind, text: JSON.stringify(formula ?? 0, null, 2) };
    }
  };
  return (
    <>
      <Space wrap align="start" data-testid="benefit-editor">
        <Segmented<BenefitForm['kind']>
          value={value.kind}
          onChange={(kind) => onChange(switchTo(kind))}
          options={(['none', 'fixed', 'rate', 'json'] as const).map((k) => ({ value: k, label: t(`policyAuthoring.benefit.${k}`) }))}
        />
        {value.kind === 'fixed' ? <InputNumber addonAfter={t('units.wan')} value={value.amountWan} onChange={(v) => onChange({ kind: 'fixed', amountWan: v ?? 0 })} data-testid="benefit-amount" /> : null}
        {value.kind === 'rate' ? (
          <Space>
            <Select style={{ width: 220 }} value={value.field} onChange={(field: string) => onChange({ ...value, field })} options={numericFields.map((f) => ({ value: f.name, label: fieldLabel(f, i18n.language) }))} />
            <span>×</span>
            <InputNumber value={value.rate} step={0.01} onChange={(v) => onChange({ ...value, rate: v ?? 0 })} data-testid="benefit-rate" />
          </Space>
        ) : null}
        {value.kind === 'json' ? (
          <Input.TextArea style={{ width: 420, fontFamily: 'monospace', fontSize: 12 }} autoSize={{ minRows: 3 }} value={value.text} onChange={(e) => onChange({ kind: 'json', text: e.target.value })} data-testid="benefit-json" />
        ) : null}
        {value.kind !== 'none' ? (
          <InputNumber addonBefore={t('policyAuthoring.benefit.cap')} addonAfter={t('units.wan')} min={0} value={capWan} onChange={(v) => onCapChange(v)} data-testid="benefit-cap" />
        ) : null}
      </Space>
      {value.kind === 'json' && formula === undefined ? <Typography.Paragraph type="danger">{t('policyAuthoring.benefit.notJson')}</Typography.Paragraph> : null}
    </>
  );
}
