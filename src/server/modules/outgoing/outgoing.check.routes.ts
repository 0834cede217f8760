import { z } from 'zod';
import { checkResultSchema, outgoingCheckInputSchema } from '../../../shared/outgoing.js';
import { requireBusinessActor } from '../../core/auth/guards.js';
import { routeKit } from '../../core/http/route-kit.js';
import type { ZApp } from '../../core/http/zod-app.js';
import { checkTypedOutgoing } from './checker/index.js';

/**
 * The draft as typed: the 文种 may be any short text, so a wrong one comes
 * back as an F14 finding beside the others. Creating or saving a draft keeps
 * the strict schema (15 文种 only, 400 otherwise).
 */
const checkRequestSchema = z.strictObject({
  ...outgoingCheckInputSchema.shape,
  docType: z.string({ error: '请填写文种' }).trim().min(1, { error: '请填写文种' }).max(20, { error: '文种最多 20 个字符' }),
});

/**
 * `POST /api/outgoing/check`: the stateless 形式关/文字关/程序关 check of a draft
 * as typed. Nothing is stored, nothing audited (it reads no record).
 */
export function registerOutgoingCheckRoute(app: ZApp): void {
  const { tags, preValidation } = routeKit('outgoing');
  app.post(
    '/api/outgoing/check',
    {
      preValidation,
      schema: {
        tags,
        summary: '发文检查（形式关、文字关、程序关），不保存',
        body: checkRequestSchema,
        response: { 200: checkResultSchema },
      },
    },
    async (req) => {
      requireBusinessActor(req);
      return { findings: checkTypedOutgoing(req.body) };
    },
  );
}
