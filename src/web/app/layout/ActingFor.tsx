import { SwapOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Select } from 'antd';
import { useEffect } from 'react';
import { setActing, useActing } from '../acting.js';
import { api } from '../api.js';
import { ME_KEY } from '../auth.js';

export const DELEGATIONS_KEY = ['me', 'delegations'] as const;
const SELF = '__self__';

/** Switching identity changes what every list shows: refetch all but the signed-in user. */
export function useSwitchActing() {
  const qc = useQueryClient();
  return (principal: { id: string; name: string } | null) => {
    setActing(principal);
    void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  };
}

/** "以…身份办理": shown only to someone who has received an active delegation. */
export function ActingSelector({ enabled, compact }: { enabled: boolean; compact: boolean }) {
  const acting = useActing();
  const switchTo = useSwitchActing();
  const delegations = useQuery({ queryKey: DELEGATIONS_KEY, queryFn: api.me.delegations, enabled, staleTime: 60_000, meta: { silent: true } });
  const principals = (delegations.data?.received ?? []).filter((d) => d.active).map((d) => d.principal);

  // A delegation that ended or was revoked: stop sending a header the server now refuses.
  useEffect(() => {
    if (acting && delegations.data && !principals.some((p) => p.id === acting.id)) setActing(null);
  }, [acting, delegations.data, principals]);

  if (!enabled || principals.length === 0) return null;
  return (
    <Select
      className="zs-acting-select"
      size="small"
      value={acting?.id ?? SELF}
      aria-label="以…身份办理"
      data-testid="acting-select"
      popupMatchSelectWidth={false}
      suffixIcon={<SwapOutlined />}
      onChange={(id: string) => switchTo(principals.find((p) => p.id === id) ?? null)}
      // A phone's header has no room for the sentence; the banner below still says it in full.
      options={[
        { value: SELF, label: compact ? '本人' : '以本人身份办理' },
        ...principals.map((p) => ({ value: p.id, label: compact ? `代${p.name}` : `以${p.name}身份办理` })),
      ]}
    />
  );
}

/** Always visible while acting for someone, with the way back. */
export function ActingBanner() {
  const acting = useActing();
  const switchTo = useSwitchActing();
  if (!acting) return null;
  return (
    <Alert
      className="zs-acting-banner"
      type="warning"
      showIcon
      banner
      data-testid="acting-banner"
      title={`正在代理 ${acting.name} 办理`}
      description="此时办理的事项以被代理人的身份和权限进行，并同时记录您本人的姓名。"
      action={
        <Button size="small" onClick={() => switchTo(null)}>
          切换回本人
        </Button>
      }
    />
  );
}
