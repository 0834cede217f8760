import { App, Button, type ButtonProps } from 'antd';
import { type MouseEvent, type ReactNode, useState } from 'react';
import { errorMessage, isSessionError } from './errors.js';
import { download } from './http.js';

/**
 * Files (exports, attachments, generated .docx) download through the one API
 * client, so an ended session leads to the login page and a refusal (such as
 * an export over its row limit) shows as a Chinese message, instead of the
 * browser opening the raw JSON error. The href stays for the keyboard and the
 * context menu.
 */
function useDownload(path: string, fileName: string) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const start = (e: MouseEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    download(path, fileName)
      .catch((err: unknown) => {
        if (!isSessionError(err)) void message.error(errorMessage(err));
      })
      .finally(() => setBusy(false));
  };
  return { busy, start };
}

export function DownloadLink(p: { path: string; fileName: string; children: ReactNode; testId?: string }) {
  const { start } = useDownload(p.path, p.fileName);
  return (
    <a href={p.path} onClick={start} data-testid={p.testId}>
      {p.children}
    </a>
  );
}

export function DownloadButton(p: { path: string; fileName: string; children: ReactNode; testId?: string } & Pick<ButtonProps, 'icon' | 'type'>) {
  const { busy, start } = useDownload(p.path, p.fileName);
  return (
    <Button href={p.path} onClick={start} loading={busy} icon={p.icon} type={p.type} data-testid={p.testId}>
      {p.children}
    </Button>
  );
}
