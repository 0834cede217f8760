import { z } from 'zod';

/**
 * 紧急程度 of every object that carries one (收文, 发文, to-dos, and each new
 * module), most urgent first: the to-do list ranks by this order. The
 * everyday word for "not urgent" is 平件 (PRODUCT.md: 特急/加急/平件), the
 * one the 收文登记簿 has always used; a 公文's 版头 prints no mark for it.
 */
export const URGENCIES = ['extra_urgent', 'urgent', 'normal'] as const;
export const urgencySchema = z.enum(URGENCIES, { error: '紧急程度只能是特急、加急或平件' });
export type Urgency = z.infer<typeof urgencySchema>;

export const URGENCY_LABELS: Record<Urgency, string> = { extra_urgent: '特急', urgent: '加急', normal: '平件' };

/** The mark printed in a 公文's 版头 (GB/T 9704 7.2.3): 特急 or 加急, nothing for 平件. */
export const urgencyMark = (u: Urgency): string => (u === 'normal' ? '' : URGENCY_LABELS[u]);
