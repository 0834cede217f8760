import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorEnvelopeSchema } from '../../../shared/errors.js';

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];
type TransformOutput = ReturnType<typeof jsonSchemaTransform>;

/** `GET /api/incoming/:id/form.docx` → `getIncomingByIdFormDocx`: stable, unique per method and path, readable in generated clients. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((part) => part !== '' && part !== 'api')
    .flatMap((part) => (part.startsWith(':') ? [`by ${part.slice(1)}`] : part.split(/[._-]/u)))
    .flatMap((part) => part.split(' '))
    .filter((w) => w !== '');
  return method.toLowerCase() + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}

const clientError = { description: '请求未被接受：错误信封 {error: {code, message, details?}}，message 为中文', ...z.toJSONSchema(errorEnvelopeSchema) };

const fileBody = {
  description: '文件内容（下载）或页面，类型见 Content-Type',
  content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
};

/**
 * The OpenAPI document generated clients rely on: the zod schemas as JSON
 * Schema, plus an operationId for every operation and, where a route lists
 * no client error of its own, the error envelope every 4xx answer carries.
 */
export function documentedOperation(input: TransformInput): TransformOutput {
  const out = jsonSchemaTransform(input);
  const method = Array.isArray(input.route.method) ? String(input.route.method[0]) : String(input.route.method);
  const schema = out.schema as Record<string, unknown>;
  const response = (schema['response'] ?? {}) as Record<string, unknown>;
  const hasClientError = Object.keys(response).some((code) => /^4/u.test(code));
  const hasSuccess = Object.keys(response).some((code) => /^2/u.test(code));
  return {
    ...out,
    schema: {
      ...schema,
      operationId: (schema['operationId'] as string | undefined) ?? operationIdOf(method, out.url),
      response: {
        // A download or a page streams its bytes and declares no schema for them.
        ...(hasSuccess ? {} : { 200: fileBody }),
        ...response,
        ...(hasClientError ? {} : { '4xx': clientError }),
      },
    },
  } as TransformOutput;
}
