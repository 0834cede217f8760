import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, List, Modal, Popconfirm, Progress, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useCurrentUser } from '../auth.js';
import { DownloadLink } from '../Download.js';
import { errorMessage, isSessionError } from '../errors.js';
import { formatDateTime } from '../format.js';
import { type AttachmentOwner, attachmentsApi, attachmentsKey } from './attachmentsApi.js';

/**
 * The files kept with an object (扫描件, 办理材料, 附件正文 …), for every
 * module. Upload and 删除 show only when `mayAttach`: the server's right on
 * the object (it refuses the others anyway), so the card never guesses.
 */
export function AttachmentsCard(p: { owner: AttachmentOwner; title: string; mayAttach: boolean; emptyText?: string; size?: 'small' | 'default' }) {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const files = useQuery({ queryKey: attachmentsKey(p.owner), queryFn: () => attachmentsApi.list(p.owner) });
  const [progress, setProgress] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);

  async function upload(file: File) {
    setProgress(0);
    try {
      await attachmentsApi.upload(p.owner, file, me.csrfToken, setProgress);
      void message.success(`已上传：${file.name}`);
      await files.refetch();
    } catch (err) {
      // An ended session has already taken the user to the login page.
      if (!isSessionError(err)) Modal.error({ title: '上传未成功', content: errorMessage(err) });
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  }

  async function remove(id: string, name: string) {
    try {
      await attachmentsApi.remove(id);
      void message.success(`已删除：${name}`);
      await files.refetch();
    } catch (err) {
      if (!isSessionError(err)) void message.error(errorMessage(err));
    }
  }

  return (
    <Card
      title={p.title}
      size={p.size ?? 'small'}
      extra={
        p.mayAttach && (
          <>
            <input ref={input} type="file" hidden aria-label="选择附件" onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])} />
            <Button size="small" icon={<UploadOutlined />} loading={progress !== null} onClick={() => input.current?.click()}>
              上传
            </Button>
          </>
        )
      }
    >
      {progress !== null && <Progress percent={progress} size="small" />}
      <List
        size="small"
        loading={files.isPending}
        dataSource={files.data?.items ?? []}
        locale={{ emptyText: p.emptyText ?? '暂无附件' }}
        renderItem={(f) => (
          <List.Item
            actions={
              p.mayAttach
                ? [
                    <Popconfirm
                      key="remove"
                      title={`删除附件「${f.name}」？`}
                      description="删除后不再随文显示，记录保留在审计日志中。"
                      onConfirm={() => remove(f.id, f.name)}
                    >
                      <Button type="link" size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            {/* The name above, its size and date below: the card also sits in narrow side columns. */}
            <div style={{ minWidth: 0 }}>
              <DownloadLink path={attachmentsApi.downloadPath(f.id)} fileName={f.name}>
                <PaperClipOutlined /> {f.name}
              </DownloadLink>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {Math.ceil(f.size / 1024)} KB · {formatDateTime(f.createdAt)}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
