import { Alert, App, Button, Form, type FormInstance, Modal, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useIdempotentWrite } from '../idempotency.js';

/** What a module tells the shared action panel about its workflow. */
export interface ActionPanelProps<V extends object> {
  /** The actions the server offers this user now, in the order to show them. */
  actions: readonly string[];
  /** Shown as danger buttons (return, void…); the first other action is the primary one. */
  danger: ReadonlySet<string>;
  label(action: string): string;
  /** The dialog's title for an action. */
  title(action: string): string;
  /** data-testid of the button row. */
  testId: string;
  /**
   * Shown when the server offers no action; a sentence by default. A panel
   * placed among a page header's buttons passes null to show nothing.
   */
  empty?: ReactNode;
  /** Fills the form's defaults when an action's dialog opens (after a reset). */
  prepare?(action: string, form: FormInstance<V>): void;
  /** The dialog's fields for an action. */
  fields(action: string): ReactNode;
  /** Shown above the fields (e.g. a warning that the action will be refused). */
  notice?(action: string): ReactNode;
  /**
   * Fires the transition with this idempotency key, updates the caches, and
   * returns the success message.
   */
  run(action: string, values: V, idempotencyKey: string): Promise<string>;
}

/**
 * A workflow object's action buttons and their dialog, the same for every
 * module: one idempotency key per attempt (kept on a retry of the same
 * submission, renewed after an error), the server's Chinese message in the
 * dialog, a success message, and nothing stored twice on a double click.
 */
export function ActionPanel<V extends object>(p: ActionPanelProps<V>) {
  const { message } = App.useApp();
  const [open, setOpen] = useState<string | null>(null);
  const { busy, error, write, reset } = useIdempotentWrite();
  const [form] = Form.useForm<V>();
  if (p.actions.length === 0) return p.empty === undefined ? <Typography.Text type="secondary">当前没有需要您处理的操作。</Typography.Text> : p.empty;

  function start(action: string) {
    reset();
    form.resetFields();
    p.prepare?.(action, form);
    setOpen(action);
  }

  async function submit(values: V) {
    if (!open) return;
    const done = await write((key) => p.run(open, values, key));
    if (done === undefined) return;
    message.success(done);
    setOpen(null);
  }

  return (
    <>
      <Space wrap data-testid={p.testId}>
        {p.actions.map((a, i) => (
          <Button
            key={a}
            type={i === 0 && !p.danger.has(a) ? 'primary' : 'default'}
            danger={p.danger.has(a)}
            onClick={() => start(a)}
            data-testid={`action-${a}`}
          >
            {p.label(a)}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? p.title(open) : ''}
        okText="提交"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnHidden
        width={600}
      >
        {open && p.notice?.(open)}
        <Form<V> form={form} layout="vertical" onFinish={(v) => void submit(v)} preserve={false} data-testid="action-form">
          {open && p.fields(open)}
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="action-error" />}
      </Modal>
    </>
  );
}
