import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  DocumentFileParamsSchema, DocumentParamsSchema, PolicyDocumentAttachSchema, PolicyDocumentCreateSchema, PolicyDocumentDetailSchema, PolicyDocumentListSchema,
  PolicyDocumentSchema, PolicyDocumentUpdateSchema,
} from './authoring.schemas.ts';
import type { PoliciesService } from './policies.service.ts';

function disposition(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Policy documents over HTTP: list, read, create, edit, their files, and the public download of a published document's files. */
export const policyDocumentRoutes: FastifyPluginAsyncZod<{ policies: PoliciesService }> = async (app, { policies }) => {
  const tags = ['policies'];

  app.get('/api/v1/policy-documents', { schema: { tags, summary: 'Policy documents you may see (public ones, and those you may write), newest first, with their files', response: { 200: PolicyDocumentListSchema } } }, async (req) =>
    policies.listDocuments(req.requireActor()),
  );

  app.post('/api/v1/policy-documents', { schema: { tags, summary: 'A new policy document (city and admin: any level; a district officer: a district measure of its district), with files uploaded first', body: PolicyDocumentCreateSchema, response: { 201: PolicyDocumentSchema } } }, async (req, reply) =>
    reply.code(201).send(await policies.createDocument(req.requireActor(), req.body, req.id)),
  );

  app.get('/api/v1/policy-documents/:id', { schema: { tags, summary: 'One document with its full text, files and items', params: DocumentParamsSchema, response: { 200: PolicyDocumentDetailSchema } } }, async (req) =>
    policies.getDocument(req.requireActor(), req.params.id),
  );

  app.patch('/api/v1/policy-documents/:id', { schema: { tags, summary: 'Edits a document (title, issuer, 文号, dates, source, full text; level and division only while it has no item); audited', params: DocumentParamsSchema, body: PolicyDocumentUpdateSchema, response: { 200: PolicyDocumentDetailSchema } } }, async (req) =>
    policies.updateDocument(req.requireActor(), req.params.id, req.body, req.id),
  );

  app.post('/api/v1/policy-documents/:id/attachments', { schema: { tags, summary: 'Attaches files you uploaded (POST /api/v1/files) to a document you may write', params: DocumentParamsSchema, body: PolicyDocumentAttachSchema, response: { 201: PolicyDocumentDetailSchema } } }, async (req, reply) =>
    reply.code(201).send(await policies.attachDocumentFiles(req.requireActor(), req.params.id, req.body.fileIds, req.id)),
  );

  app.delete('/api/v1/policy-documents/:id/attachments/:fileId', { schema: { tags, summary: 'Takes a file off a document you may write', params: DocumentFileParamsSchema, response: { 200: PolicyDocumentDetailSchema } } }, async (req) =>
    policies.detachDocumentFile(req.requireActor(), req.params.id, req.params.fileId, req.id),
  );

  app.get('/api/v1/public/policy-documents/:id/files/:fileId', { schema: { tags: ['public'], summary: 'Downloads a file of a public document (one of its items is published); no sign-in', security: [], params: DocumentFileParamsSchema }, config: { public: true } }, async (req, reply) => {
    const { meta, content } = await policies.readPublicDocumentFile(req.params.id, req.params.fileId);
    return reply.type(meta.mime).header('content-disposition', disposition(meta.name)).header('x-content-type-options', 'nosniff').send(content);
  });
};
