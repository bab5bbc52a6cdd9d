/** Excel in and out for the enterprise registry. */
export { createEnterpriseTransferService, IMPORT_QUEUE, importJob, localiseResult, type TransferService } from './transfer.service.ts';
export { enterpriseTransferRoutes } from './transfer.routes.ts';
