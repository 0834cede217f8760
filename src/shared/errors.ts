import { z } from 'zod';

/** The error envelope of API.md: every non-2xx answer has this shape. */
export const errorCodeSchema = z.enum([
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'password_expired',
  'password_change_required',
  'csrf',
  'forbidden',
  'not_found',
  'validation',
  'version_conflict',
  'invalid_transition',
  'duplicate',
  'classified_refused',
  'rate_limited',
  'payload_too_large',
  'unsupported_type',
  'internal',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;
