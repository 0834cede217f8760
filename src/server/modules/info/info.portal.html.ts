import { INFO_TYPE_LABELS, type InfoType } from '../../../shared/info.js';
import { beijingDate } from './info.time.js';

/*
 * The public portal's pages, rendered on the server: plain HTML that works
 * without script or cookie and fits a phone. Every text that came from the
 * database or the request passes through `esc` (or `xml` in the feed): the
 * portal is read by anyone, so a title like `<script>` must stay text.
 *
 * What a page may show is exactly the `PortalEntry` fields: title, type,
 * division, publication date, summary and body. People's names, comments,
 * history, reviews, reports, adoptions, 批示, points and serial numbers never
 * reach this file.
 */

export interface PortalEntry {
  id: string;
  title: string;
  infoType: InfoType;
  division: string;
  publishedAt: string | null;
  summary: string | null;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** HTML-escapes text for element content and quoted attributes. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** XML-escapes text, dropping the control characters XML 1.0 forbids. */
export function xml(s: string): string {
  return esc(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f;background:#f5f5f5;line-height:1.7}
header{background:#b71c1c;color:#fff;padding:14px 16px}
header a{color:#fff;text-decoration:none}
header .name{font-size:20px;font-weight:600;letter-spacing:1px}
header .sub{font-size:13px;opacity:.85}
main{max-width:880px;margin:0 auto;padding:12px}
.card{background:#fff;border-radius:6px;padding:14px 16px;margin-bottom:12px}
form{display:flex;gap:8px}
input[type=search]{flex:1;min-width:0;font-size:16px;padding:8px 10px;border:1px solid #d9d9d9;border-radius:4px}
button{font-size:16px;padding:8px 16px;border:0;border-radius:4px;background:#b71c1c;color:#fff}
ul.list{list-style:none;margin:0;padding:0}
ul.list li{padding:12px 0;border-bottom:1px solid #f0f0f0}
ul.list li:last-child{border-bottom:0}
ul.list a.title{font-size:17px;color:#1f1f1f;text-decoration:none;font-weight:500}
ul.list a.title:hover{color:#b71c1c}
.meta{font-size:13px;color:#8c8c8c}
.meta span+span::before{content:" · "}
.summary{font-size:14px;color:#595959;margin:4px 0 0}
.pager{display:flex;justify-content:space-between;align-items:center;font-size:14px}
.pager a{color:#b71c1c}
article h1{font-size:22px;line-height:1.4;margin:4px 0 8px}
article .body p{text-indent:2em;margin:0 0 .8em;font-size:17px}
footer{text-align:center;font-size:12px;color:#8c8c8c;padding:16px}
.empty{color:#8c8c8c;text-align:center;padding:24px 0}
@media (max-width:480px){header .name{font-size:17px}article h1{font-size:19px}}
`;

function page(bureau: string, title: string, content: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="alternate" type="application/rss+xml" title="${esc(bureau)}政务信息" href="/portal/feed.xml">
<style>${STYLE}</style>
</head>
<body>
<header><a href="/portal"><div class="name">${esc(bureau)}</div><div class="sub">政务信息公开</div></a></header>
<main>
${content}
</main>
<footer>${esc(bureau)} · <a href="/portal/feed.xml">RSS 订阅</a></footer>
</body>
</html>`;
}

const dateOf = (at: string | null) => (at ? beijingDate(at) : '');

function meta(e: PortalEntry): string {
  return `<div class="meta"><span>${esc(INFO_TYPE_LABELS[e.infoType])}</span><span>${esc(e.division)}</span><span>${esc(dateOf(e.publishedAt))}</span></div>`;
}

export function listPage(bureau: string, o: { entries: readonly PortalEntry[]; q: string; page: number; pages: number; total: number }): string {
  const qs = (p: number) => `/portal?${new URLSearchParams({ ...(o.q ? { q: o.q } : {}), page: String(p) }).toString()}`;
  const items = o.entries.length
    ? `<ul class="list">${o.entries
        .map(
          (e) =>
            `<li><a class="title" href="/portal/items/${encodeURIComponent(e.id)}">${esc(e.title)}</a>${meta(e)}${e.summary ? `<p class="summary">${esc(e.summary)}</p>` : ''}</li>`,
        )
        .join('')}</ul>`
    : `<div class="empty">${o.q ? '没有找到相关信息' : '暂无发布的信息'}</div>`;
  const pager =
    o.pages > 1
      ? `<div class="pager">${o.page > 1 ? `<a href="${esc(qs(o.page - 1))}">上一页</a>` : '<span></span>'}<span>第 ${o.page} / ${o.pages} 页，共 ${o.total} 条</span>${
          o.page < o.pages ? `<a href="${esc(qs(o.page + 1))}">下一页</a>` : '<span></span>'
        }</div>`
      : '';
  return page(
    bureau,
    o.q ? `搜索“${o.q}” - ${bureau}` : `政务信息 - ${bureau}`,
    `<div class="card"><form method="get" action="/portal" role="search"><input type="search" name="q" value="${esc(o.q)}" maxlength="100" placeholder="搜索标题、正文" aria-label="搜索"><button type="submit">搜索</button></form></div>
<div class="card">${items}</div>${pager ? `<div class="card">${pager}</div>` : ''}`,
  );
}

export function itemPage(bureau: string, e: PortalEntry & { body: string }): string {
  const paragraphs = e.body
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p)}</p>`)
    .join('\n');
  return page(
    bureau,
    `${e.title} - ${bureau}`,
    `<article class="card"><h1>${esc(e.title)}</h1><div class="meta"><span>发布日期：${esc(dateOf(e.publishedAt))}</span><span>来源：${esc(e.division)}</span><span>${esc(INFO_TYPE_LABELS[e.infoType])}</span></div>
<div class="body">${paragraphs}</div></article>
<div class="card"><a href="/portal">返回信息列表</a></div>`,
  );
}

export function messagePage(bureau: string, title: string, message: string): string {
  return page(
    bureau,
    `${title} - ${bureau}`,
    `<div class="card"><h1 style="font-size:20px">${esc(title)}</h1><p>${esc(message)}</p><p><a href="/portal">返回信息列表</a></p></div>`,
  );
}

export function feed(bureau: string, base: string, entries: readonly (PortalEntry & { body: string })[]): string {
  const items = entries
    .map((e) => {
      const link = `${base}/portal/items/${encodeURIComponent(e.id)}`;
      const description = e.summary || e.body.slice(0, 200);
      return `<item><title>${xml(e.title)}</title><link>${xml(link)}</link><guid isPermaLink="true">${xml(link)}</guid><pubDate>${e.publishedAt ? new Date(e.publishedAt).toUTCString() : ''}</pubDate><category>${xml(INFO_TYPE_LABELS[e.infoType])}</category><description>${xml(description)}</description></item>`;
    })
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>${xml(bureau)}政务信息</title><link>${xml(`${base}/portal`)}</link><description>${xml(bureau)}公开发布的政务信息</description><language>zh-cn</language>
${items}
</channel></rss>`;
}
