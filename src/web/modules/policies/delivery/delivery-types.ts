/** The API shapes of 政策直达, taken from the server's zod schemas (types only). */
export type {
  Application, ApplicationDetail, ApplicationForm, ApplicationPage, DeliveryStats, DistrictStats, ExemptCandidate, ExemptList, Funding, Grant, GrantPage, InboxEntry,
  InboxPage, ItemStats,
} from '../../../../modules/policies/delivery/delivery.schemas.ts';
export type { FileMetaOut } from '../../../../modules/files/files.schemas.ts';
