/** Files (附件): upload with type and size limits, attach to a record, download scoped to who may see the record. */
export { createFilesService, ALLOWED_FILE_TYPES, type FilesService, type FileMeta, type FileOwnerAccess } from './files.service.ts';
export { FileMetaSchema } from './files.schemas.ts';
export { filesRoutes } from './files.routes.ts';
