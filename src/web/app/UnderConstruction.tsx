import { ToolOutlined } from '@ant-design/icons';
import { Card, Result, Typography } from 'antd';
import { useMatches } from 'react-router';
import { PageContainer } from './layout/PageContainer.js';
import { pageByKey } from './pages.js';

/** What each planned module will do, in the words of PRODUCT.md, so users know what is coming. */
const PLANS: Record<string, string[]> = {
  dashboard: ['收文办结率、督办红黄绿灯', '信息报送积分、信访期限预警', '预算执行进度'],
  incoming: ['签收登记与重复来文检查', '初审、拟办、批办、承办、办结、归档全流程', '传阅与阅知回执，到期自动催办', '收文登记簿导入导出与统计'],
  outgoing: ['按文种模板拟稿', '处室核稿、会签、办公室核稿、局领导签发', '形式关、文字关、程序关自动检查', '按 GB/T 9704 生成公文版式'],
  supervision: ['党组会议、局长办公会、领导批示等事项立项', '一周一督与红黄绿灯', '申请办结与领导销号', '督办周报与台账导出'],
  reports: ['政务信息拟稿与逐级审核（含保密审查）', '采用反馈与积分', '各处室进度台账与定期通报'],
  liaison: ['人大代表、政协委员名录', '联系记录', '建议提案的交办与答复'],
  petitions: ['来信、来访、网上与电话信访登记', '按《信访工作条例》计算并提醒各项期限', '重复信访关联，信访人信息加密与脱敏显示'],
  meetings: ['会议申请与审批、会议室预订与冲突检查', '议题、通知、签到、纪要', '会议决定事项转督办'],
  budget: ['预算指标与支出审批', '按月执行进度与标准核对', '绩效目标与偏差预警、三公经费汇总'],
  assets: ['固定资产登记', '办公用品库存、领用与审批', '报修'],
  rules: ['制度分类、文号、状态与版本对比', '学习确认', '执行情况定期评估'],
  people: ['培训、讲坛与学习会的出勤与学时', '新入职人员结对帮带计划与评价'],
  secrecy: ['涉密载体登记簿（只记元数据，不存内容）', '保密自查与整改', '培训与考试记录'],
};

export default function UnderConstruction() {
  const matches = useMatches();
  const handle = matches.map((m) => m.handle as { pageKey?: string } | undefined).find((h) => h?.pageKey);
  const page = handle?.pageKey ? pageByKey(handle.pageKey) : undefined;
  const title = page?.title ?? '功能模块';
  const plan = PLANS[page?.key ?? ''] ?? [];
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
