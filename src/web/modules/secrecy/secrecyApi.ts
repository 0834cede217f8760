import type { CarrierCreate, CarrierFields, CarrierList } from '../../../shared/secrecy.js';
import type { Campaign, CampaignCreate, CampaignList, SheetFields, SheetList } from '../../../shared/secrecy.inspection.js';
import type { Personnel, PersonnelCreate, RefusalList, SecrecyDashboard, Training } from '../../../shared/secrecy.people.js';
import type { Template } from '../../../shared/secrecy.templates.js';
import type { WorkflowView } from '../../../shared/workflow.js';
import { request } from '../../app/http.js';
import { enc, idempotentPost, type QueryFilter, withQuery } from '../../app/moduleApi.js';

export type CarrierView = WorkflowView<CarrierFields>;
export type SheetView = WorkflowView<SheetFields>;
export interface SecrecyOptions {
  units: { id: string; name: string; kind: string }[];
  users: { id: string; name: string; unitId: string | null; unitName: string; category: 'core' | 'important' | 'general' | null }[];
}

export const secrecyApi = {
  carriers: (f: QueryFilter) => request<CarrierList>('GET', '/api/carrier', { query: f }),
  carrier: (id: string) => request<CarrierView>('GET', `/api/carrier/${enc(id)}`),
  createCarrier: (body: CarrierCreate, csrf: string, key: string) => idempotentPost<CarrierView>('/api/carrier', body, csrf, key),
  carrierTransition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<CarrierView>(`/api/carrier/${enc(id)}/transitions`, body, csrf, key),
  registerExport: (f: QueryFilter) => withQuery('/api/carrier/export.xlsx', f),

  templates: () => request<{ items: Template[] }>('GET', '/api/secrecy/templates'),
  campaigns: () => request<CampaignList>('GET', '/api/secrecy/campaigns'),
  campaign: (id: string) => request<Campaign>('GET', `/api/secrecy/campaigns/${enc(id)}`),
  createCampaign: (body: CampaignCreate, csrf: string, key: string) => idempotentPost<Campaign>('/api/secrecy/campaigns', body, csrf, key),
  sheets: (f: QueryFilter) => request<SheetList>('GET', '/api/inspection', { query: f }),
  sheet: (id: string) => request<SheetView>('GET', `/api/inspection/${enc(id)}`),
  sheetTransition: (id: string, body: Record<string, unknown>, csrf: string, key: string) =>
    idempotentPost<SheetView>(`/api/inspection/${enc(id)}/transitions`, body, csrf, key),

  options: () => request<SecrecyOptions>('GET', '/api/secrecy/options'),
  personnel: (f: QueryFilter) => request<{ items: Personnel[]; total: number }>('GET', '/api/secrecy/personnel', { query: f }),
  createPersonnel: (body: PersonnelCreate) => request<Personnel>('POST', '/api/secrecy/personnel', { body }),
  editPersonnel: (id: string, body: Record<string, unknown>) => request<Personnel>('PUT', `/api/secrecy/personnel/${enc(id)}`, { body }),
  leave: (id: string, body: Record<string, unknown>) => request<Personnel>('POST', `/api/secrecy/personnel/${enc(id)}/leave`, { body }),
  trainings: (year: number) => request<{ items: Training[]; total: number }>('GET', '/api/secrecy/trainings', { query: { year } }),
  trainingPeople: (year: number) =>
    request<{ items: { userId: string; name: string; sessions: number; hours: number; exams: number; passedExams: number }[] }>(
      'GET',
      '/api/secrecy/trainings/people',
      {
        query: { year },
      },
    ),
  myTrainings: (year: number) =>
    request<{ items: { trainingId: string; title: string; kind: string; date: string; hours: number; score: number | null; passed: boolean | null }[] }>(
      'GET',
      '/api/secrecy/trainings/mine',
      { query: { year } },
    ),
  refusals: (f: QueryFilter) => request<RefusalList>('GET', '/api/secrecy/refusals', { query: f }),
  dashboard: (year: number) => request<SecrecyDashboard>('GET', '/api/secrecy/dashboard', { query: { year } }),
};
