import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PolicyItemRef } from './policy-types.ts';

const LEVEL_COLORS: Record<PolicyItemRef['level'], string> = { national: 'red', province: 'volcano', city: 'blue', district: 'cyan' };

export function LevelTag({ level }: { level: PolicyItemRef['level'] }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLORS[level]}>{t(`policies.level.${level}`)}</Tag>;
}

/** 待核实 with what is missing on hover; confirmed items get a quiet tag. */
export function VerificationTag({ item }: { item: Pick<PolicyItemRef, 'verification' | 'verificationNote'> }) {
  const { t } = useTranslation();
  if (item.verification === 'confirmed') return <Tag color="green">{t('policies.verification.confirmed')}</Tag>;
  return (
    <Tooltip title={item.verificationNote}>
      <Tag color="warning" data-testid="pending-verification">
        {t('policies.verification.pending')}
      </Tag>
    </Tooltip>
  );
}

export function ExemptTag({ exempt }: { exempt: boolean }) {
  const { t } = useTranslation();
  return exempt ? <Tag color="purple">{t('policies.exempt')}</Tag> : <Tag>{t('policies.applicationRequired')}</Tag>;
}
