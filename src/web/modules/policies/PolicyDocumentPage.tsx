import { ArrowLeftOutlined, EditOutlined, LinkOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Empty, List, Result, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client.ts';
import type { User } from '../../api/types.ts';
import { FullPageSpin } from '../../app/auth.tsx';
import { formatDateTime } from '../../components/format.ts';
import { usePolicyDocument } from './authoring.hooks.ts';
import type { PolicyDocumentDetail } from './authoring-types.ts';
import { DocumentAttachments } from './DocumentAttachments.tsx';
import { DocumentEditModal } from './DocumentEditModal.tsx';
import { LevelTag } from './PolicyBadges.tsx';
import { usePublicPolicies } from './policies.hooks.ts';

const ITEM_STATE_COLORS: Record<PolicyDocumentDetail['items'][number]['state'], string> = { published: 'green', draft: 'default', withdrawn: 'red' };

/** 政策文件 (`/policy-documents/:id`): the document, its full text, its files and its items; 编辑 for those who may write it. */
export function PolicyDocumentPage({ user }: { user: User }) {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const document = usePolicyDocument(id);
  if (document.isLoading) return <FullPageSpin />;
  if (document.error || !document.data) {
    const notFound = document.error instanceof ApiError && document.error.status === 404;
    return (
      <Result
        status={notFound ? '404' : 'error'}
        title={notFound ? t('policyDocuments.notFound') : t('errors.loadFailed')}
        extra={
          <Link to="/policy-documents">
            <Button>{t('policyDocuments.backToList')}</Button>
          </Link>
        }
      />
    );
  }
  return <PolicyDocumentView user={user} document={document.data} />;
}

function PolicyDocumentView({ user, document }: { user: User; document: PolicyDocumentDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useQueryClient();
  const catalogue = usePublicPolicies();
  const [editing, setEditing] = useState(false);
  const counties = catalogue.data?.counties ?? [];
  const isDistrictOfficer = user.role === 'district';
  const districts = isDistrictOfficer ? counties.filter((c) => user.jurisdictionCode !== null && c.code.startsWith(user.jurisdictionCode.slice(0, 6))) : counties;
  const divisionName = document.divisionCode ? (counties.find((c) => c.code === document.divisionCode)?.name ?? document.divisionCode) : null;

  // The answer of an edit is the document as it now is; its items show its title and 文号 too.
  const changed = (next: PolicyDocumentDetail) => {
    client.setQueryData(['policies', 'document', next.id], next);
    void client.invalidateQueries({ queryKey: ['policies'], predicate: (query) => query.queryKey[1] !== 'document' });
  };

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: '16px 20px' } }}>
        <Link to="/policy-documents" style={{ fontSize: 12 }}>
          <ArrowLeftOutlined /> {t('policyDocuments.backToList')}
        </Link>
        <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="document-heading">
          {document.title}
        </Typography.Title>
        <Space size={8} wrap>
          <LevelTag level={document.level} />
          {divisionName ? <Tag>{divisionName}</Tag> : null}
          {document.isPublic ? <Tag color="green">{t('policyDocuments.public')}</Tag> : <Tag>{t('policyDocuments.notPublic')}</Tag>}
          <Typography.Text type="secondary">{document.issuer}</Typography.Text>
          {document.documentNumber ? <Typography.Text type="secondary">{document.documentNumber}</Typography.Text> : null}
          {document.canWrite ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="document-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Space>
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card title={t('policyDocuments.details')} size="small">
              <Descriptions size="small" column={1} bordered styles={{ label: { width: 120 } }} data-testid="document-details">
                <Descriptions.Item label={t('policyAuthoring.document.issuer')}>{document.issuer}</Descriptions.Item>
                <Descriptions.Item label={t('policyAuthoring.document.level')}>
                  {t(`policies.level.${document.level}`)}
                  {divisionName ? ` · ${divisionName}` : ''}
                </Descriptions.Item>
                <Descriptions.Item label={t('policyAuthoring.document.number')}>
                  <span data-testid="document-number-value">
                    {document.documentNumber ?? <Typography.Text type="warning">{t('policies.documentNumberPending')}</Typography.Text>}
                  </span>
                </Descriptions.Item>
                <Descriptions.Item label={t('policyAuthoring.document.publishedOn')}>{document.publishedOn ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('policies.fields.validity')}>
                  {document.validFrom ?? t('policies.unknownDate')} ~ {document.validTo ?? t('policies.openEnded')}
                </Descriptions.Item>
                <Descriptions.Item label={t('policyAuthoring.document.sourceUrl')}>
                  <Space orientation="vertical" size={0}>
                    <a href={document.sourceUrl} target="_blank" rel="noreferrer noopener" data-testid="document-source-link">
                      <LinkOutlined /> {document.sourceUrl}
                    </a>
                    {document.sourceNote ? <Typography.Text type="secondary">{document.sourceNote}</Typography.Text> : null}
                  </Space>
                </Descriptions.Item>
                <Descriptions.Item label={t('policyDocuments.updatedAt')}>{formatDateTime(document.updatedAt)}</Descriptions.Item>
              </Descriptions>
            </Card>
            <Card title={t('policyAuthoring.document.fullText')} size="small">
              {document.fullText ? (
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} ellipsis={{ rows: 12, expandable: 'collapsible' }} data-testid="document-full-text-value">
                  {document.fullText}
                </Typography.Paragraph>
              ) : (
                <Typography.Text type="secondary">{t('policyDocuments.noFullText')}</Typography.Text>
              )}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <Card title={t('policyDocuments.attachments.title')} size="small">
              <DocumentAttachments document={document} onChanged={changed} />
            </Card>
            <Card title={t('policyDocuments.items')} size="small">
              {document.items.length ? (
                <List
                  size="small"
                  dataSource={document.items}
                  data-testid="document-items"
                  renderItem={(item) => (
                    <List.Item>
                      <Space size={8}>
                        <Link to={item.state === 'draft' && document.canWrite ? `/policies/${encodeURIComponent(item.id)}/edit` : `/policies/${encodeURIComponent(item.id)}`}>{item.title}</Link>
                        <Tag color={ITEM_STATE_COLORS[item.state]}>{t(`policyDocuments.itemState.${item.state}`)}</Tag>
                      </Space>
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('policyDocuments.noItems')} style={{ margin: '8px 0' }} />
              )}
            </Card>
          </Space>
        </Col>
      </Row>
      {document.canWrite ? (
        <DocumentEditModal
          document={document}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            changed(saved);
            setEditing(false);
            void message.success(t('policyDocuments.saved'));
          }}
          districts={districts}
          isDistrictOfficer={isDistrictOfficer}
        />
      ) : null}
    </Space>
  );
}
