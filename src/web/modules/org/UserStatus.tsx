import { Space, Tag } from 'antd';
import type { AdminUser } from '../../../shared/org.js';
import { ROLE_LABELS } from '../../../shared/roles.js';

export function UserStatusTags({ user }: { user: AdminUser }) {
  const tags = [];
  if (user.disabled) tags.push(<Tag key="disabled">已停用</Tag>);
  if (user.locked)
    tags.push(
      <Tag key="locked" color="red">
        已锁定
      </Tag>,
    );
  if (user.mustChangePassword)
    tags.push(
      <Tag key="pw" color="orange">
        待改密
      </Tag>,
    );
  if (!tags.length)
    tags.push(
      <Tag key="ok" color="green">
        正常
      </Tag>,
    );
  return (
    <Space size={0} wrap>
      {tags}
    </Space>
  );
}

export function RoleTags({ user }: { user: AdminUser }) {
  if (!user.roles.length) return <Tag>未授权</Tag>;
  return (
    <Space size={[0, 4]} wrap>
      {user.roles.map((r) => (
        <Tag key={r} color={r === 'sysadmin' || r === 'secadmin' || r === 'auditor' ? 'purple' : 'blue'}>
          {ROLE_LABELS[r]}
        </Tag>
      ))}
    </Space>
  );
}
