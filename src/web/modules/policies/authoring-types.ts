/** The API shapes of writing the catalogue, taken from the server's zod schemas (types only). */
export type {
  PolicyDocument, PolicyDocumentCreate, PolicyDocumentDetail, PolicyDocumentSummary, PolicyItemVersion, PolicyItemVersions, PolicyMatchRun, PolicyPreview, PolicyRuleInput,
} from '../../../modules/policies/authoring.schemas.ts';
