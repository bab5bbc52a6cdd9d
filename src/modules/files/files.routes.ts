import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../server/errors.ts';
import { FileMetaSchema, FileParamsSchema } from './files.schemas.ts';
import type { FilesService } from './files.service.ts';

function disposition(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Upload (multipart field "file") and download of attachments. */
export const filesRoutes: FastifyPluginAsyncZod<{ files: FilesService }> = async (app, { files }) => {
  const tags = ['files'];

  app.post('/api/v1/files', { schema: { tags, summary: 'Upload an attachment (multipart field "file"; pdf, png, jpg, docx, xlsx, ofd, txt; size limit GAODI_UPLOAD_LIMIT_MB); private to you until attached to a record', consumes: ['multipart/form-data'], response: { 201: FileMetaSchema } } }, async (req, reply) => {
    const actor = req.requireActor();
    if (!req.isMultipart()) throw new AppError('FILES_MISSING', { status: 400 });
    const file = await req.file();
    if (!file) throw new AppError('FILES_MISSING', { status: 400 });
    let content: Buffer;
    try {
      content = await file.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('FILES_TOO_LARGE', { status: 413, params: { limitMb: Math.round(files.maxBytes / 1048576) } });
      throw error;
    }
    const created = await files.uploadFile(actor, { name: file.filename, mime: file.mimetype, content }, req.id);
    return reply.code(201).send(created);
  });

  app.get('/api/v1/files/:id', { schema: { tags, summary: 'Download a file you may see (its record is yours to see, or you uploaded it and it is not attached yet)', params: FileParamsSchema } }, async (req, reply) => {
    const { meta, content } = await files.downloadFile(req.requireActor(), req.params.id);
    return reply.type(meta.mime).header('content-disposition', disposition(meta.name)).header('x-content-type-options', 'nosniff').send(content);
  });
};
