/** What every part of 政策直达 shares: dependencies, today in 郑州, an item's terms and its funding. */
import { SYSTEM_ACTOR, type Actor } from '../../../server/actor.ts';
import type { Clock } from '../../../server/clock.ts';
import type { Db } from '../../../server/db/index.ts';
import { AppError } from '../../../server/errors.ts';
import { getDivision } from '../../../standards/index.ts';
import type { AuditService } from '../../audit/index.ts';
import type { EnterprisesService } from '../../enterprises/index.ts';
import type { FilesService } from '../../files/index.ts';
import type { LiaisonsService } from '../../service/index.ts';
import type { UsersService } from '../../users/index.ts';
import { canWriteLevel } from '../authoring.service.ts';
import type { PoliciesService } from '../policies.service.ts';
import type { PolicyItemRef } from '../policies.schemas.ts';
import type { NotificationChannel } from './notification-channel.ts';
import { findBudget, lockLedger, spendBudget, type BudgetRow, type Executor } from './delivery.repository.ts';
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
  /** The service desk's liaison officers (包联): an officer's inbox holds the notices of the firms it looks after, and gets their messages. */
  liaisons?: Pick<LiaisonsService, 'findLiaisons'>;
  /** The enterprises' own users: a notice's message goes to each of them. */
  users?: Pick<UsersService, 'findEnterpriseUsers'>;
  /** Where notices are sent through the outbox; the log-only channel when absent. */
  channels?: NotificationChannel[];
  log?: DeliveryLog;
}

/** An item as delivery needs it: its name, validity, whether it is 免申即享, and the budget and window of its version in force. */
export type ItemTerms = PolicyItemRef & {
  validFrom: string | null; inForce: boolean; divisionCode: string | null; version: number; effectiveFrom: string | null;
  budgetWan: number | null; applicationOpensOn: string | null; applicationClosesOn: string | null;
};

/** The item as named beside an application or a list (without what only delivery needs). */
export const itemRef = (item: ItemTerms): PolicyItemRef => ({
  id: item.id, title: item.title, documentTitle: item.documentTitle, documentNumber: item.documentNumber, issuer: item.issuer, level: item.level,
  validTo: item.validTo, exemptFromApplication: item.exemptFromApplication, verification: item.verification, verificationNote: item.verificationNote,
});

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
      validFrom: item.validFrom, inForce: item.inForce, divisionCode: item.divisionCode, version: item.version, effectiveFrom: item.effectiveFrom, budgetWan: item.budgetWan, applicationOpensOn: item.applicationOpensOn, applicationClosesOn: item.applicationClosesOn,
    };
  };

  /**
   * The budget and application window of an item, as the API shows them: both are the version in force
   * today (the window falls back to the item's validity); the ledger gives only what has been paid.
   */
  const toFunding = (actor: Actor, item: ItemTerms, ledger: BudgetRow | undefined): Funding => {
    const opens = item.applicationOpensOn ?? item.validFrom;
    const closes = item.applicationClosesOn ?? item.validTo;
    const today = cstToday(clock);
    const paid = ledger?.paidWan ?? 0;
    const budgetWan = item.budgetWan;
    return {
      itemId: item.id,
      version: item.version,
      effectiveFrom: item.effectiveFrom,
      budgetWan,
      paidWan: paid,
      remainingWan: budgetWan === null ? null : Math.max(0, round2(budgetWan - paid)),
      overBudget: budgetWan !== null && paid > budgetWan,
      applicationOpensOn: opens,
      applicationClosesOn: closes,
      windowOpen: !item.exemptFromApplication && (opens === null || opens <= today) && (closes === null || today <= closes),
      exemptFromApplication: item.exemptFromApplication,
      canEdit: canWriteLevel(actor, item.level, item.divisionCode),
    };
  };

  const fundingOf = async (actor: Actor, item: ItemTerms): Promise<Funding> => toFunding(actor, item, await findBudget(db, item.id));

  /**
   * Pays `amountWan` under an item inside the payout's transaction: locks the ledger row, checks it against
   * the budget of the version in force today, and records it; refuses with nothing paid when it does not fit.
   */
  const spend = async (tx: Executor, item: ItemTerms, amountWan: number): Promise<void> => {
    if (item.budgetWan === null) throw new AppError('POLICIES_BUDGET_NOT_SET', { status: 409, params: { itemId: item.id } });
    const ledger = await lockLedger(tx, item.id, clock.now());
    if (ledger.paidWan > item.budgetWan) {
      throw new AppError('POLICIES_BUDGET_BELOW_PAID', { status: 409, params: { itemId: item.id, budgetWan: item.budgetWan, paidWan: ledger.paidWan } });
    }
    const spent = await spendBudget(tx, item.id, amountWan, item.budgetWan, clock.now());
    if (!spent) throw new AppError('POLICIES_BUDGET_EXCEEDED', { status: 409, params: { itemId: item.id, amountWan, remainingWan: round2(item.budgetWan - ledger.paidWan) } });
  };

  return { itemTerms, toFunding, fundingOf, spend, today: () => cstToday(clock) };
}

export type DeliveryContext = ReturnType<typeof createDeliveryContext>;
