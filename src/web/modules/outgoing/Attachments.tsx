import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, List, Modal, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { attachmentListSchema, attachmentSchema } from '../../../shared/files.js';
import type { z } from 'zod';
import { useCurrentUser } from '../../app/auth.js';
import { errorMessage, isSessionError } from '../../app/errors.js';
import { formatDateTime } from '../../app/format.js';
import { request } from '../../app/http.js';
import type { OutgoingView } from './outgoingApi.js';
import { DownloadLink } from '../../app/Download.js';

/** The attachment files (附件正文、会签材料) kept with the document; the files service asks this module who may add them. */
export function Attachments({ doc }: { doc: OutgoingView }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const path = `/api/outgoing/${encodeURIComponent(doc.id)}/attachments`;
  const files = useQuery({ queryKey: ['outgoing', 'attachments', doc.id], queryFn: () => request<z.infer<typeof attachmentListSchema>>('GET', path) });
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const office = me.roles.includes('office_clerk') || me.roles.includes('office_director');
  const mayUpload =
    doc.state !== 'issued' &&
    doc.state !== 'archived' &&
    (office || (doc.state === 'draft' && (doc.drafter.id === me.id || doc.draftingUnit.id === me.unitId)));

  async function upload(file: File) {
    const fd = new FormData();
    fd.append('file', file);
    setBusy(true);
    try {
      await request<z.infer<typeof attachmentSchema>>('POST', path, { rawBody: fd });
      message.success(`已上传：${file.name}`);
      await files.refetch();
    } catch (err) {
      // An ended session has already taken the user to the login page.
      if (!isSessionError(err)) Modal.error({ title: '上传未成功', content: errorMessage(err) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  return (
    <Card
      size="small"
      title="附件文件"
      extra={
        mayUpload && (
          <>
            <input ref={input} type="file" hidden aria-label="选择附件" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
            <Button size="small" icon={<UploadOutlined />} loading={busy} onClick={() => input.current?.click()}>
              上传
            </Button>
          </>
        )
      }
    >
      <List
        size="small"
        loading={files.isPending}
        dataSource={files.data?.items ?? []}
        locale={{ emptyText: '暂无附件文件' }}
        renderItem={(f) => (
          <List.Item>
            <DownloadLink path={`/api/attachments/${encodeURIComponent(f.id)}`} fileName={f.name}>
              <PaperClipOutlined /> {f.name}
            </DownloadLink>
            <Typography.Text type="secondary">
              {Math.ceil(f.size / 1024)} KB · {f.uploadedBy} · {formatDateTime(f.createdAt)}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}
