import { searchQuerySchema, searchResponseSchema } from '../../../shared/search.js';
import type { ServerModule } from '../module.js';
import { requireBusinessActor } from '../auth/guards.js';
import type { Deps } from '../deps.js';
import type { ZApp } from '../http/zod-app.js';
import { search } from './search.service.js';

/** `GET /api/search`: across modules, only what the user may see. */
export function registerSearchRoutes(app: ZApp, deps: Deps): void {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: '全文搜索（跨模块，只返回本人有权查看的内容）',
        description:
          '两个及以上汉字的查询按子串精确匹配；空格分隔的多个词须同时出现。标题命中的排在前面，其次按更新时间。' +
          '匹配结果按更新时间从新到旧每 500 条（ZHONGSHU_SEARCH_CAP）为一段，段内标题命中在前、其次按更新时间，后一段接在前一段之后；' +
          '每页只读取到本页末尾所在的段，翻页可到达每一条匹配。total 为本页已计入的匹配数（capped 为 false 时即全部匹配数），capped 为 true 表示之后还有更多。' +
          'title/snippet 为纯文本，titleHighlights/snippetHighlights 给出须高亮的区间（UTF-16 下标，end 不含）。',
        querystring: searchQuerySchema,
        response: { 200: searchResponseSchema },
      },
      // Sign-in and role are checked before the query string, so that 401/403 win over 400.
      preValidation: async (req) => {
        requireBusinessActor(req);
      },
    },
    async (req) => search(deps, requireBusinessActor(req), req.query, { cap: deps.config.searchCap }),
  );
}

export const searchModule: ServerModule = { name: 'search', register: registerSearchRoutes };
