import { api } from '../../api/client.ts';
import type { FileMetaOut } from '../../../modules/files/files.schemas.ts';

/** An uploaded file as the API describes it. */
export type UploadedFile = FileMetaOut;

/** Uploads one file (private to the uploader until a record takes it). The client shows no error: the caller does. */
export async function uploadFile(file: File): Promise<UploadedFile> {
  const form = new FormData();
  form.append('file', file);
  return api.post<UploadedFile>('/api/v1/files', form, { silent: true });
}

/** A file's download address (the session cookie authorises it). */
export const fileHref = (id: string) => `/api/v1/files/${encodeURIComponent(id)}`;

/** 1,234,567 bytes → "1.2 MB"; under a megabyte in KB. */
export function formatFileSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(0.1, bytes / 1024).toFixed(1)} KB`;
}
