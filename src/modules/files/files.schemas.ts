import { z } from 'zod';

export const FileMetaSchema = z.object({
  id: z.uuid(),
  name: z.string().describe('The file name as uploaded'),
  mime: z.string().describe('The MIME type, derived from the allowed type'),
  sizeBytes: z.number().int().describe('Size in bytes'),
  sha256: z.string().describe('SHA-256 of the content, hex'),
  createdAt: z.string(),
});
export type FileMetaOut = z.infer<typeof FileMetaSchema>;

export const FileParamsSchema = z.strictObject({ id: z.uuid() });
