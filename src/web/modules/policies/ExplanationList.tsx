import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatConditionValue, formatRuleValue, visibleSteps } from './policy-format.ts';
import type { ExplanationStep } from './policy-types.ts';

/** Each condition of a rule for one enterprise: passed or not, the actual and required values, the gap. */
export function ExplanationList({ steps }: { steps: readonly ExplanationStep[] }) {
  const { t, i18n } = useTranslation();
  const shown = visibleSteps(steps);
  const base = shown[0]?.depth ?? 0;
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} data-testid="explanation">
      {shown.map((step, index) => (
        <li key={index} style={{ paddingLeft: (step.depth - base) * 20, marginBottom: 4 }}>
          {step.passed ? <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('policies.passed')} /> : <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={t('policies.failed')} />}{' '}
          <Typography.Text>{step.label}</Typography.Text>
          {step.actual !== undefined ? (
            <Typography.Text type="secondary">
              {' · '}
              {t('policies.actual')} {formatConditionValue(step, 'actual', i18n.language)}
            </Typography.Text>
          ) : null}
          {step.gap !== undefined && !step.passed ? (
            <Typography.Text type="danger">
              {' · '}
              {t('policies.gap', { gap: formatRuleValue(step.gap, i18n.language) })}
            </Typography.Text>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
