/** The API shapes of 政策找企业, taken from the server's zod schemas (types only). */
export type {
  Benefit, EnterpriseItemMatch, EnterpriseItemNearMiss, EnterprisePolicyMatches, ExplanationStep, MatchKind, Miss, PolicyCalculatorInput,
  PolicyCalculatorResult, PolicyItemDetail, PolicyItemList, PolicyItemRef, PolicyItemSummary, PolicyMatchPage, PolicyMatchRow, PublicPolicyItem,
  PublicPolicyList,
} from '../../../modules/policies/policies.schemas.ts';
