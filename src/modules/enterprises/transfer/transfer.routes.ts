import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../server/errors.ts';
import { EnterpriseListQuerySchema } from '../enterprises.schemas.ts';
import type { TransferService } from './transfer.service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const JobSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  fileName: z.string(),
  progress: z.object({ done: z.number(), total: z.number() }),
  result: z
    .object({
      imported: z.number(),
      updated: z.number(),
      unchanged: z.number(),
      failed: z.array(z.object({ row: z.number().describe('Row number as Excel shows it (header = 1)'), column: z.string(), code: z.string(), message: z.string() })),
    })
    .optional(),
  errorReportUrl: z.string().optional().describe('An .xlsx of the failed rows, to correct and re-import'),
  error: z.string().optional(),
});

function attachment(name: string): string {
  return `attachment; filename="${encodeURIComponent(name).replace(/%/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function stamp(date: Date): string {
  return date.toISOString().slice(0, 10).replace(/-/g, '');
}

export const enterpriseTransferRoutes: FastifyPluginAsyncZod<{ transfer: TransferService; uploadLimitBytes: number }> = async (app, { transfer, uploadLimitBytes }) => {
  const tags = ['enterprises'];

  app.get('/api/v1/enterprises/import-template.xlsx', { schema: { tags, summary: 'The Excel import template (required columns marked, drop-downs, an example row)' } }, async (req, reply) => {
    const buffer = await transfer.template(req.requireActor());
    return reply.type(XLSX).header('content-disposition', attachment('企业信息导入模板.xlsx')).send(buffer);
  });

  app.get('/api/v1/enterprises/export.xlsx', { schema: { tags, summary: 'Export the filtered list (same filters as the list) to .xlsx', querystring: EnterpriseListQuerySchema.omit({ page: true, pageSize: true }) } }, async (req, reply) => {
    const stream = transfer.exportEnterprises(req.requireActor(), req.query);
    return reply.type(XLSX).header('content-disposition', attachment(`企业名录-${stamp(new Date())}.xlsx`)).send(stream);
  });

  app.post(
    '/api/v1/enterprises/imports',
    { schema: { tags, summary: 'Upload an .xlsx or .csv of enterprises; imported as a job (multipart field "file")', consumes: ['multipart/form-data'], response: { 202: z.object({ jobId: z.string() }) } } },
    async (req, reply) => {
      const actor = req.requireActor();
      if (!req.isMultipart()) throw new AppError('IMPORT_FILE_MISSING');
      const file = await req.file();
      if (!file) throw new AppError('IMPORT_FILE_MISSING');
      let buffer: Buffer;
      try {
        buffer = await file.toBuffer();
      } catch (error) {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('IMPORT_FILE_TOO_LARGE', { status: 413, params: { limitMb: Math.round(uploadLimitBytes / 1048576) } });
        throw error;
      }
      const job = await transfer.startImportJob(actor, { buffer, fileName: file.filename || 'upload' });
      return reply.code(202).send(job);
    },
  );

  app.get('/api/v1/import-jobs/:id', { schema: { tags, summary: 'Progress and result of an import', params: z.strictObject({ id: z.uuid() }), response: { 200: JobSchema } } }, async (req) =>
    transfer.getImportJob(req.requireActor(), req.params.id, req.locale),
  );

  app.get('/api/v1/import-jobs/:id/errors.xlsx', { schema: { tags, summary: 'The failed rows with their problems, as .xlsx to correct and re-import', params: z.strictObject({ id: z.uuid() }) } }, async (req, reply) => {
    const buffer = await transfer.errorReport(req.requireActor(), req.params.id, req.locale);
    return reply.type(XLSX).header('content-disposition', attachment('导入错误报告.xlsx')).send(buffer);
  });
};
