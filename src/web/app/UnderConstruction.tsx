import { ToolOutlined } from '@ant-design/icons';
import { Card, Result, Typography } from 'antd';
import { useMatches } from 'react-router';
import { PageContainer } from './layout/PageContainer.js';
import type { PageHandle } from './pageTable.js';

/** A planned module's page: what it will do, in the words of PRODUCT.md, so users know what is coming. */
export default function UnderConstruction() {
  const page = useMatches()
    .map((m) => (m.handle as PageHandle | undefined)?.page)
    .find((p) => p !== undefined);
  const title = page?.title ?? '功能模块';
  const plan = page?.plan ?? [];
  return (
    <PageContainer title={title}>
      <Card>
        <Result
          icon={<ToolOutlined style={{ color: '#1f5eff' }} />}
          title={`「${title}」模块正在建设中`}
          subTitle="该模块的页面将在后续版本中上线，届时无需重新登录即可使用。"
          data-testid="under-construction"
        >
          {plan.length > 0 && (
            <div style={{ maxWidth: 520, margin: '0 auto' }}>
              <Typography.Text strong>上线后可以：</Typography.Text>
              <ul style={{ marginTop: 8, lineHeight: 2 }}>
                {plan.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          )}
        </Result>
      </Card>
    </PageContainer>
  );
}
