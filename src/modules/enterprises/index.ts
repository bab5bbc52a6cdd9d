/** The enterprise registry: enterprises, their yearly indicators, import and export. */
export { createEnterprisesService, type EnterpriseChange, type EnterpriseMatchingRecord, type EnterprisesService } from './enterprises.service.ts';
export { enterprisesRoutes } from './enterprises.routes.ts';
export { ENTERPRISE_TAGS } from './enterprises.constants.ts';
export { createEnterpriseTransferService, enterpriseTransferRoutes, IMPORT_QUEUE, importJob, localiseResult, type TransferService } from './transfer/index.ts';
