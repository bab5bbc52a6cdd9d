import { Collapse, Empty, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AttachmentLinks } from '../files/AttachmentLinks.tsx';
import { ExplanationList } from './ExplanationList.tsx';
import { ExemptTag, LevelTag, VerificationTag } from './PolicyBadges.tsx';
import { formatBenefit, formatRuleValue } from './policy-format.ts';
import type { EnterpriseItemMatch, EnterpriseItemNearMiss } from './policy-types.ts';

/** The files of each item's document by item id, with their public links (from the public catalogue). */
export type ItemFiles = ReadonlyMap<string, readonly { id: string; name: string; sizeBytes: number; url: string }[]>;

/** The items one enterprise (or the calculator's figures) qualifies for, each with its explanation and its document's files. */
export function MatchedItems({ matches, linkItems, files }: { matches: readonly EnterpriseItemMatch[]; linkItems: boolean; files?: ItemFiles }) {
  const { t, i18n } = useTranslation();
  if (!matches.length) return <Empty description={t('policies.noMatches')} />;
  return (
    <Collapse
      data-testid="matched-items"
      items={matches.map((m) => ({
        key: m.item.id,
        label: (
          <Space wrap size={6}>
            {linkItems ? <Link to={`/policies/${encodeURIComponent(m.item.id)}`}>{m.item.title}</Link> : <Typography.Text strong>{m.item.title}</Typography.Text>}
            <LevelTag level={m.item.level} />
            <ExemptTag exempt={m.item.exemptFromApplication} />
            <VerificationTag item={m.item} />
          </Space>
        ),
        extra: <Typography.Text strong>{formatBenefit(m.benefit, t, i18n.language)}</Typography.Text>,
        children: (
          <Space orientation="vertical" size={6} style={{ width: '100%' }}>
            <Typography.Text type="secondary">
              {m.item.documentNumber ?? t('policies.documentNumberPending')} · {m.item.issuer}
            </Typography.Text>
            {m.item.verification !== 'confirmed' ? <Typography.Text type="warning">{t('policies.pendingTitle')}: {m.item.verificationNote}</Typography.Text> : null}
            {m.benefit.kind === 'not-estimable' ? <Typography.Text type="secondary">{m.benefit.reason}</Typography.Text> : null}
            <ExplanationList steps={m.explanation} />
            {files?.get(m.item.id)?.length ? <AttachmentLinks files={files.get(m.item.id) ?? []} /> : null}
          </Space>
        ),
      }))}
    />
  );
}

/** The items missed by exactly one condition: what is missing and by how much. */
export function NearMissItems({ nearMisses, linkItems }: { nearMisses: readonly EnterpriseItemNearMiss[]; linkItems: boolean }) {
  const { t, i18n } = useTranslation();
  if (!nearMisses.length) return <Empty description={t('policies.noNearMisses')} />;
  return (
    <Collapse
      data-testid="near-miss-items"
      items={nearMisses.map((m) => ({
        key: m.item.id,
        label: (
          <Space wrap size={6}>
            {linkItems ? <Link to={`/policies/${encodeURIComponent(m.item.id)}`}>{m.item.title}</Link> : <Typography.Text strong>{m.item.title}</Typography.Text>}
            <LevelTag level={m.item.level} />
            <Tag color="error">
              {t('policies.missing')}: {m.miss.label}
              {m.miss.gap !== undefined ? ` · ${t('policies.gap', { gap: formatRuleValue(m.miss.gap, i18n.language) })}` : ''}
            </Tag>
          </Space>
        ),
        extra: <Typography.Text type="secondary">{formatBenefit(m.benefit, t, i18n.language)}</Typography.Text>,
        children: <ExplanationList steps={m.explanation} />,
      }))}
    />
  );
}
