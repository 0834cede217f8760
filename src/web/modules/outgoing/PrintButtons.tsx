import { FilePdfOutlined, FileWordOutlined } from '@ant-design/icons';
import { App, Button, Select, Space } from 'antd';
import { useState } from 'react';
import { PRINT_FORMAT_LABELS, type PrintFormat, printFormatsFor } from '../../../shared/outgoing.js';
import { errorMessage, isSessionError } from '../../app/errors.js';
import { outgoingApi, type OutgoingView } from './outgoingApi.js';

/**
 * The 版式 chooser and the .docx/PDF downloads. Only the 版式 the server
 * prints for this 文种 and 行文方向 are offered, its default preselected;
 * the downloads go through the API client so an ended session leads to the
 * login page and a refusal is shown instead of a saved error page.
 */
export function PrintButtons({ doc }: { doc: OutgoingView }) {
  const { message } = App.useApp();
  const formats = printFormatsFor(doc.draft.docType, doc.direction);
  const [chosen, setChosen] = useState<PrintFormat | null>(null);
  // A saved change of 文种 can take the chosen 版式 away: fall back to the default.
  const format = chosen && formats.includes(chosen) ? chosen : formats[0];
  const [busy, setBusy] = useState<'docx' | 'pdf' | null>(null);
  const printable = doc.docNumber !== null;

  async function get(ext: 'docx' | 'pdf') {
    if (!format) return;
    setBusy(ext);
    try {
      await outgoingApi.downloadDocument(doc.id, ext, format, `${doc.draft.title}.${ext}`);
    } catch (err) {
      if (!isSessionError(err)) void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <Space wrap>
      <Select<PrintFormat>
        aria-label="版式"
        prefix="版式"
        value={format}
        onChange={setChosen}
        options={formats.map((f) => ({ value: f, label: PRINT_FORMAT_LABELS[f] }))}
        disabled={formats.length < 2}
        style={{ minWidth: 150 }}
        data-testid="print-format"
      />
      <Button icon={<FileWordOutlined />} loading={busy === 'docx'} onClick={() => void get('docx')} data-testid="download-docx">
        {printable ? '下载公文（.docx）' : '预览版式（.docx）'}
      </Button>
      {/* LibreOffice takes seconds for a first conversion: the button spins meanwhile. */}
      <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => void get('pdf')} data-testid="download-pdf">
        PDF
      </Button>
    </Space>
  );
}
