import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../core/deps.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { getUnitsByIds } from '../../core/org/org.service.js';
import { getSettings } from '../outgoing/outgoing.service.js';
import { feed, itemPage, listPage, messagePage, type PortalEntry } from './info.portal.html.js';
import { portalItem, portalLatest, portalPage, type PortalRow } from './info.repo.js';

/*
 * 门户 (../shared/api/info.md "门户 portal"): the public pages at /portal, no
 * sign-in, no cookie, no script. Only published pieces exist here; anything
 * else — unpublished, withdrawn, voided, unknown — is the same 404. The
 * routes are registered by the module's plug, so Fastify matches them before
 * the web client's history fallback (`/*`).
 */

const PAGE_SIZE = 20;
const FEED_SIZE = 50;
const tags = ['portal'];

const listQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  q: z
    .string()
    .trim()
    .max(100)
    .regex(/^[^\u0000-\u001f\u007f]*$/)
    .optional(),
});
const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_.:-]+$/);

/** The bureau's name for the header: the 发文机关名称 of 发文's settings. */
async function bureauName(deps: Deps): Promise<string> {
  try {
    return (await getSettings(deps)).orgName || '政务信息公开';
  } catch {
    return '政务信息公开';
  }
}

async function entries<R extends PortalRow>(deps: Deps, rows: readonly R[]): Promise<(PortalEntry & Omit<R, keyof PortalRow>)[]> {
  const names = new Map((await getUnitsByIds(deps, [...new Set(rows.map((r) => r.unit_id))])).map((u) => [u.id, u.name]));
  return rows.map(({ id, title, info_type, summary, unit_id, published_at, ...rest }) => ({
    ...rest,
    id,
    title,
    infoType: info_type,
    summary,
    division: names.get(unit_id) ?? '',
    publishedAt: published_at,
  }));
}

function html(reply: FastifyReply, status: number, body: string): FastifyReply {
  // Public, but never cached by a shared proxy past a 撤稿.
  return reply.status(status).header('Content-Type', 'text/html; charset=utf-8').header('Cache-Control', 'no-cache').send(body);
}

/** The site's own address for the feed's absolute links (a malformed Host falls back to localhost). */
function baseUrl(req: FastifyRequest): string {
  const host = /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(req.host) ? req.host : 'localhost';
  return `${req.protocol}://${host}`;
}

export function registerPortalRoutes(app: ZApp, deps: Deps): void {
  app.get(
    '/portal',
    { schema: { tags, summary: '门户：已发布的政务信息（HTML，无需登录；?q 搜索标题和正文，?page 翻页，每页 20 条）' } },
    async (req, reply) => {
      const bureau = await bureauName(deps);
      const parsed = listQuerySchema.safeParse(req.query);
      if (!parsed.success) return html(reply, 400, messagePage(bureau, '请求有误', '页码须为 1 至 10000 的整数，搜索词不超过 100 个字。'));
      const { page, q } = parsed.data;
      const { rows, total } = await portalPage(deps.db, q || undefined, page, PAGE_SIZE);
      const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
      return html(reply, 200, listPage(bureau, { entries: await entries(deps, rows), q: q ?? '', page, pages, total }));
    },
  );

  app.get('/portal/items/:id', { schema: { tags, summary: '门户：一条已发布的政务信息（HTML；未发布、已撤稿或不存在均为 404）' } }, async (req, reply) => {
    const bureau = await bureauName(deps);
    const id = idSchema.safeParse((req.params as { id?: unknown }).id);
    const row = id.success ? await portalItem(deps.db, id.data) : undefined;
    if (!row) return html(reply, 404, messagePage(bureau, '信息不存在', '该信息不存在或已撤下。'));
    const [entry] = await entries(deps, [row]);
    if (!entry) return html(reply, 404, messagePage(bureau, '信息不存在', '该信息不存在或已撤下。'));
    return html(reply, 200, itemPage(bureau, entry));
  });

  app.get('/portal/feed.xml', { schema: { tags, summary: '门户：RSS 2.0 订阅（最新 50 条）' } }, async (req, reply) => {
    const bureau = await bureauName(deps);
    const rows = await portalLatest(deps.db, FEED_SIZE);
    return reply
      .header('Content-Type', 'application/rss+xml; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .send(feed(bureau, baseUrl(req), await entries(deps, rows)));
  });
}
