/** What every part of 政策直达 shares: dependencies, today in 郑州, an item's terms and its funding. */
import { SYSTEM_ACTOR } from '../../../server/actor.ts';
import type { Clock } from '../../../server/clock.ts';
import type { Db } from '../../../server/db/index.ts';
import { AppError } from '../../../server/errors.ts';
import { getDivision } from '../../../standards/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { EnterprisesService } from '../../enterprises/index.ts';
import type { FilesService } from '../../files/index.ts';
import type { LiaisonsService } from '../../service/index.ts';
import type { PoliciesService } from '../policies.service.ts';
import type { PolicyItemRef } from '../policies.schemas.ts';
import type { NotificationChannel } from './notification-channel.ts';
import { findBudget, openLedger, spendBudget, type BudgetRow, type Executor } from './delivery.repository.ts';
import type { Funding } from './delivery.schemas.ts';

export type DeliveryLog = { info: (obj: object, msg: string) => void; error: (obj: object, msg: string) => void; debug?: (obj: object, msg: string) => void };

export interface DeliveryDeps {
  db: Db;
  audit: AuditService;
  clock: Clock;
  /** The policies service: items, their eligible enterprises in a scope, an enterprise's matches with explanations. */
  policies: Pick<PoliciesService, 'getItem' | 'listItems' | 'exportItemMatches' | 'getEnterpriseMatches'>;
  enterprises: Pick<EnterprisesService, 'getEnterprise'>;
  files: FilesService;
  /** The service desk's liaison officers (包联): an officer's inbox holds the notices of the firms it looks after. */
  liaisons?: Pick<LiaisonsService, 'findLiaisons'>;
  /** Where notices are sent through the outbox; the log-only channel when absent. */
  channels?: NotificationChannel[];
  log?: DeliveryLog;
}

/** An item as delivery needs it: its name, validity, whether it is 免申即享, and its version's budget and window. */
export type ItemTerms = PolicyItemRef & { validFrom: string | null; inForce: boolean; budgetWan: number | null; applicationOpensOn: string | null; applicationClosesOn: string | null };

export const round2 = (x: number): number => Math.round(x * 100) / 100;

/** The calendar day in 郑州 (UTC+8, no daylight saving). */
export const cstToday = (clock: Clock): string => new Date(clock.now().getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);

export const divisionName = (code: string): string | null => getDivision(code)?.name ?? getDivision(code.slice(0, 6))?.name ?? null;

export function createDeliveryContext(deps: DeliveryDeps) {
  const { db, clock, policies } = deps;

  /** An item's terms; 404 POLICIES_ITEM_NOT_FOUND when the catalogue has no such item. */
  const itemTerms = async (itemId: string): Promise<ItemTerms> => {
    const item = await policies.getItem(SYSTEM_ACTOR, itemId, {});
    return {
      id: item.id, title: item.title, documentTitle: item.documentTitle, documentNumber: item.documentNumber, issuer: item.issuer, level: item.level,
      validTo: item.validTo, exemptFromApplication: item.exemptFromApplication, verification: item.verification, verificationNote: item.verificationNote,
      validFrom: item.validFrom, inForce: item.inForce, budgetWan: item.budgetWan, applicationOpensOn: item.applicationOpensOn, applicationClosesOn: item.applicationClosesOn,
    };
  };

  /**
   * The budget and application window of an item, as the API shows them: the ledger's when the city set
   * them here, else the published version's, else (window) the item's validity.
   */
  const toFunding = (item: ItemTerms, budget: BudgetRow | undefined): Funding => {
    const opens = budget?.applicationOpensOn ?? item.applicationOpensOn ?? item.validFrom;
    const closes = budget?.applicationClosesOn ?? item.applicationClosesOn ?? item.validTo;
    const today = cstToday(clock);
    const paid = budget?.paidWan ?? 0;
    const budgetWan = budget?.budgetWan ?? item.budgetWan;
    return {
      itemId: item.id,
      budgetWan,
      paidWan: paid,
      remainingWan: budgetWan === null ? null : round2(budgetWan - paid),
      applicationOpensOn: opens,
      applicationClosesOn: closes,
      windowOpen: !item.exemptFromApplication && (opens === null || opens <= today) && (closes === null || today <= closes),
      exemptFromApplication: item.exemptFromApplication,
    };
  };

  const fundingOf = async (item: ItemTerms): Promise<Funding> => toFunding(item, await findBudget(db, item.id));

  /** The error a payout gets when the ledger refused it: no budget, or not enough left. */
  const budgetError = async (tx: Executor, itemId: string, amountWan: number): Promise<AppError> => {
    const budget = await findBudget(tx, itemId);
    if (!budget) return new AppError('POLICIES_BUDGET_NOT_SET', { status: 409, params: { itemId } });
    return new AppError('POLICIES_BUDGET_EXCEEDED', { status: 409, params: { itemId, amountWan, remainingWan: round2(budget.budgetWan - budget.paidWan) } });
  };

  /** Spends from the ledger, opening it with the version's budget the first time (inside the payout's transaction). */
  const spend = async (tx: Executor, item: ItemTerms, amountWan: number) => {
    if (item.budgetWan !== null) await openLedger(tx, item.id, item.budgetWan, clock.now());
    return spendBudget(tx, item.id, amountWan);
  };

  return { itemTerms, toFunding, fundingOf, budgetError, spend, today: () => cstToday(clock) };
}

export type DeliveryContext = ReturnType<typeof createDeliveryContext>;
