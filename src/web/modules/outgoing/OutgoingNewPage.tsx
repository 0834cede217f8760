import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DIRECTION_LABELS, DOC_TEMPLATES, DOC_TYPE_DIRECTION, DOC_TYPES, type DocType, type OutgoingDraft } from '../../../shared/outgoing.js';
import { useCurrentUser } from '../../app/auth.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { DraftEditor } from './DraftEditor.js';
import { outgoingApi } from './outgoingApi.js';
import { useIdempotentWrite } from '../../app/idempotency.js';

/** A new draft from the 文种's template: title pattern, usual 主送, body skeleton with 层次序数 in order. */
export function draftFromTemplate(docType: DocType, contactName?: string): OutgoingDraft {
  const t = DOC_TEMPLATES[docType];
  return {
    docType,
    title: t.title,
    mainRecipients: [...t.mainRecipients],
    copyTo: [],
    body: t.body,
    attachments: [],
    classification: 'internal',
    urgency: 'normal',
    disclosure: 'not_public',
    cosignDivisionIds: [],
    ...(t.contact ? { contact: { name: contactName ?? '', phone: '' } } : {}),
  };
}

export default function OutgoingNewPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const options = useQuery({ queryKey: ['outgoing', 'options'], queryFn: outgoingApi.options, staleTime: 5 * 60_000 });
  const [draft, setDraft] = useState<OutgoingDraft | null>(null);
  const { busy, error, write } = useIdempotentWrite();

  async function save() {
    if (!draft) return;
    const created = await write((key) => outgoingApi.create(draft, me.csrfToken, key));
    if (!created) return;
    qc.setQueryData(['outgoing', 'doc', created.id], created);
    void qc.invalidateQueries({ queryKey: ['outgoing', 'list'] });
    message.success('已保存第 1 稿');
    void navigate(`/outgoing/${created.id}`);
  }

  return (
    <PageContainer title="拟稿" description="先选文种，系统按该文种的模板生成标题、主送和正文结构；边写边检查，点“一键修正”可直接改正确定的问题。">
      <Card size="small" style={{ marginBottom: 16 }} data-testid="template-picker">
        <Typography.Text strong>选择文种：</Typography.Text>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          value={draft?.docType}
          onChange={(e) => setDraft(draftFromTemplate(e.target.value as DocType, me.name))}
          options={DOC_TYPES.map((t) => ({ value: t, label: <span title={DIRECTION_LABELS[DOC_TYPE_DIRECTION[t]]}>{t}</span> }))}
          style={{ marginLeft: 8 }}
        />
      </Card>
      {draft && (
        <>
          <DraftEditor value={draft} onChange={setDraft} divisions={(options.data?.divisions ?? []).filter((d) => d.id !== me.unitId)} />
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="save-error" />}
          <Space style={{ marginTop: 16 }}>
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="save-draft">
              保存草稿
            </Button>
            <Button onClick={() => void navigate('/outgoing')}>取消</Button>
          </Space>
        </>
      )}
    </PageContainer>
  );
}
