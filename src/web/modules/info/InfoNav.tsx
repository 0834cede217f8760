import { Segmented } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useMe } from '../../app/auth.js';

/** The module's own pages, one click apart: a clerk moves between the list, the ledger, the 通报 and the settings. */
export function InfoNav() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const roles = useMe().data?.roles ?? [];
  const figures = roles.some((r) => r !== 'secrecy_officer');
  const portal = roles.some((r) => r === 'office_clerk' || r === 'office_director' || r === 'secrecy_officer' || r === 'leader');
  const options = [
    { value: '/info', label: '信息列表' },
    ...(figures
      ? [
          { value: '/info/progress', label: '进度台账' },
          { value: '/info/bulletin', label: '通报' },
          { value: '/info/scoring', label: '考核设置' },
        ]
      : []),
    ...(portal ? [{ value: '/info/portal', label: '门户管理' }] : []),
  ];
  const current = options.find((o) => o.value !== '/info' && pathname.startsWith(o.value))?.value ?? '/info';
  return (
    <Segmented
      options={options}
      value={current}
      onChange={(v) => void navigate(v)}
      data-testid="info-nav"
      style={{ marginBottom: 12, maxWidth: '100%', overflowX: 'auto' }}
    />
  );
}
