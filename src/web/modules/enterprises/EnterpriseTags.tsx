import { Badge, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SizeClass } from '../../api/types.ts';
import { useTags } from '../reference/reference.hooks.ts';

const SIZE_COLORS: Record<SizeClass, string> = { large: 'red', medium: 'orange', small: 'blue', micro: 'cyan' };

export function SizeClassTag({ sizeClass }: { sizeClass: SizeClass | null }) {
  const { t } = useTranslation();
  if (!sizeClass) return <Tag>{t('sizeClass.unknown')}</Tag>;
  return (
    <Tag color={SIZE_COLORS[sizeClass]} variant="outlined">
      {t(`sizeClass.${sizeClass}`)}
    </Tag>
  );
}

/** 规上 / 规下; `short` for narrow table columns. */
export function AboveScaleBadge({ aboveScale, short = false }: { aboveScale: boolean; short?: boolean }) {
  const { t } = useTranslation();
  return aboveScale ? (
    <Badge status="success" text={t(short ? 'enterprises.aboveScale.yesShort' : 'enterprises.aboveScale.yes')} />
  ) : (
    <Badge status="default" text={t(short ? 'enterprises.aboveScale.noShort' : 'enterprises.aboveScale.no')} />
  );
}

export function TagList({ values }: { values: readonly string[] }) {
  const tags = useTags();
  return (
    <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
      {values.map((value) => (
        <Tag key={value} color="geekblue" style={{ marginInlineEnd: 0 }}>
          {tags.label(value)}
        </Tag>
      ))}
    </span>
  );
}

/** One line for tables: the first tag and `+N`, all of them in a tooltip. */
export function CompactTagList({ values }: { values: readonly string[] }) {
  const tags = useTags();
  const [first, ...rest] = values;
  if (first === undefined) return null;
  const tag = (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Tag color="geekblue" style={{ marginInlineEnd: 4 }}>
        {tags.label(first)}
      </Tag>
      {rest.length > 0 ? <Tag style={{ marginInlineEnd: 0 }}>+{rest.length}</Tag> : null}
    </span>
  );
  return rest.length > 0 ? <Tooltip title={values.map((v) => tags.label(v)).join('、')}>{tag}</Tooltip> : tag;
}
