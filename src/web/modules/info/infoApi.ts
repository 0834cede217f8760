import type { InfoCreate, InfoFields, InfoList, InfoUpdate } from '../../../shared/info.js';
import type {
  Bulletin,
  InfoLedger,
  Penalty,
  PenaltyCreate,
  PortalLog,
  RequestCreate,
  RequestFields,
  RequestList,
  Scoring,
  ScoringUpdate,
  Targets,
  TargetsUpdate,
} from '../../../shared/info.scoring.js';
import type { UnitNode } from '../../../shared/org.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { request } from '../../app/http.js';
import { enc, idempotentPost, idempotentWrite, type QueryFilter, withQuery } from '../../app/moduleApi.js';

export type InfoView = WorkflowView<InfoFields>;
export type RequestView = WorkflowView<RequestFields>;

/** The bureau's divisions (处室), from the organisation tree every signed-in user may read. */
async function divisions(): Promise<{ id: string; name: string }[]> {
  const out: { id: string; name: string }[] = [];
  const walk = (nodes: readonly UnitNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'division') out.push({ id: n.id, name: n.name });
      walk(n.children);
    }
  };
  walk(await request<UnitNode[]>('GET', '/api/org/units'));
  return out;
}

export const infoApi = {
  list: (f: QueryFilter) => request<InfoList>('GET', '/api/info', { query: f }),
  get: (id: string) => request<InfoView>('GET', `/api/info/${enc(id)}`),
  create: (body: InfoCreate, csrf: string, key: string) => idempotentPost<InfoView>('/api/info', body, csrf, key),
  update: (id: string, body: InfoUpdate, csrf: string, key: string) => idempotentWrite<InfoView>('PUT', `/api/info/${enc(id)}`, body, csrf, key),
  transition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<InfoView>(`/api/info/${enc(id)}/transitions`, body, csrf, key),
  divisions,
  scoring: (year: number) => request<Scoring>('GET', `/api/info/scoring/${year}`),
  saveScoring: (year: number, body: ScoringUpdate) => request<Scoring>('PUT', `/api/info/scoring/${year}`, { body }),
  targets: (year: number) => request<Targets>('GET', `/api/info/targets/${year}`),
  saveTargets: (year: number, body: TargetsUpdate) => request<Targets>('PUT', `/api/info/targets/${year}`, { body }),
  ledger: (year: number) => request<InfoLedger>('GET', '/api/info/ledger', { query: { year } }),
  bulletin: (period: string) => request<Bulletin>('GET', '/api/info/bulletin', { query: { period } }),
  bulletinDocxUrl: (period: string) => withQuery('/api/info/bulletin.docx', { period }),
  exportUrl: (year: number) => withQuery('/api/info/export.xlsx', { year }),
  penalties: (year: number) => request<{ items: Penalty[] }>('GET', '/api/info/penalties', { query: { year } }),
  createPenalty: (body: PenaltyCreate) => request<Penalty>('POST', '/api/info/penalties', { body }),
  revokePenalty: (id: string, reason: string) => request<Penalty>('POST', `/api/info/penalties/${enc(id)}/revoke`, { body: { reason } }),
  portalLog: () => request<PortalLog>('GET', '/api/info/portal-log'),
  requests: (f: QueryFilter) => request<RequestList>('GET', '/api/info_request', { query: f }),
  request: (id: string) => request<RequestView>('GET', `/api/info_request/${enc(id)}`),
  createRequest: (body: RequestCreate, csrf: string, key: string) => idempotentPost<RequestView>('/api/info_request', body, csrf, key),
  requestTransition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<RequestView>(`/api/info_request/${enc(id)}/transitions`, body, csrf, key),
};
