/**
 * Demo data of 政策直达, walked through the real services: a budget for every item in force (a new
 * published version of the item where the one in force has none), a few
 * applications in every state (one the rule had not matched, approved: a miss) and a confirmed
 * 免申即享 list of 中原区 with one firm left out. The demo enterprise user `qiye` is left untouched,
 * so it can apply itself. Runs once, on a first start with demo data.
 */
import type { Actor, Scope } from '../../../server/actor.ts';
import { getJurisdiction } from '../../../standards/index.ts';
import type { Role } from '../../../server/permissions.ts';
import type { PoliciesService } from '../policies.service.ts';
import { PolicyItemVersionInputSchema } from '../authoring.schemas.ts';
import type { DeliveryService } from './delivery.service.ts';

type DemoUser = { id: string; username: string; displayName: string; role: Role; jurisdictionCode: string | null; enterpriseId: string | null };

function scopeOf(user: DemoUser): Scope {
  if (user.role === 'admin') return { kind: 'all' };
  if (user.role === 'enterprise') return user.enterpriseId ? { kind: 'enterprise', enterpriseId: user.enterpriseId } : { kind: 'none' };
  const jurisdiction = user.jurisdictionCode ? getJurisdiction(user.jurisdictionCode) : undefined;
  return jurisdiction ? { kind: 'divisions', prefixes: jurisdiction.divisionPrefixes, excludedPrefixes: jurisdiction.excludedPrefixes ?? [] } : { kind: 'none' };
}

const actorOf = (user: DemoUser): Actor => ({
  id: user.id, username: user.username, displayName: user.displayName, role: user.role, jurisdictionCode: user.jurisdictionCode, jurisdictionName: null, enterpriseId: user.enterpriseId, scope: scopeOf(user),
});

/** An enterprise's stand-in user (the demo has one enterprise account, qiye; the other firms act through this). */
const enterpriseActor = (base: Actor, firm: { enterpriseId: string; name: string }): Actor => ({
  ...base, role: 'enterprise', username: 'demo-enterprise', displayName: `${firm.name} 联络员`, jurisdictionCode: null, enterpriseId: firm.enterpriseId, scope: { kind: 'enterprise', enterpriseId: firm.enterpriseId },
});

type DemoPolicies = Pick<PoliciesService, 'getItem' | 'getVersions' | 'saveVersion' | 'publish'>;

/** Gives an item a budget the way the city does: a new version, a copy of the one in force with the budget, published. */
async function publishBudget(policies: DemoPolicies, city: Actor, itemId: string, budgetWan: number): Promise<void> {
  const [detail, { versions }] = await Promise.all([policies.getItem(city, itemId, {}), policies.getVersions(city, itemId)]);
  const v = versions.find((x) => x.version === detail.version);
  if (!v) return;
  const input = PolicyItemVersionInputSchema.parse({
    title: v.title, effectiveFrom: v.effectiveFrom, validFrom: v.validFrom, validTo: v.validTo, article: v.article, eligibility: v.eligibility, benefit: v.benefit,
    benefitCapWan: v.benefitCapWan, benefitNote: v.benefitNote, applicationOpensOn: v.applicationOpensOn, applicationClosesOn: v.applicationClosesOn, budgetWan,
    exemptFromApplication: v.exemptFromApplication, applicationNote: v.applicationNote, unencodedConditions: v.unencodedConditions, verification: v.verification, verificationNote: v.verificationNote,
  });
  await policies.saveVersion(city, itemId, input);
  await policies.publish(city, itemId, {});
}

export async function seedDeliveryDemo(deps: { delivery: DeliveryService; policies: DemoPolicies; findUser: (username: string) => Promise<DemoUser | undefined> }): Promise<{ applications: number; grants: number }> {
  const { delivery, policies } = deps;
  const load = async (name: string) => {
    const user = await deps.findUser(name);
    return user ? actorOf(user) : undefined;
  };
  const [city, jinshui, zhongyuan, qiye] = await Promise.all([load('city'), load('jinshui'), load('zhongyuan'), load('qiye')]);
  if (!city || !jinshui || !zhongyuan) return { applications: 0, grants: 0 };
  const stats = await delivery.getStats(city, {});
  // budgets, where the version in force has none: 免申即享 items 1.2 × the city's estimated total (at least 1,000 万元), the others 3,000 万元
  for (const item of stats.items.filter((i) => i.inForce && i.budgetWan === null)) {
    let budgetWan = 3000;
    if (item.exemptFromApplication) {
      const list = await delivery.getExemptList(city, item.itemId, { status: 'pending', page: 1, pageSize: 1 });
      budgetWan = Math.max(1000, Math.ceil((list.selection.totalWan * 1.2) / 100) * 100);
    }
    await publishBudget(policies, city, item.itemId, budgetWan);
  }
  const own = qiye?.enterpriseId;
  const firmsOf = async (official: Actor, itemId: string, count: number) => (await delivery.findEligible(official, itemId)).filter((f) => f.enterpriseId !== own && f.estimatedWan !== null).slice(0, count);

  let applications = 0;
  const apply = async (firm: { enterpriseId: string; name: string }, itemId: string, note: string) => {
    applications += 1;
    return delivery.createApplication(enterpriseActor(city, firm), { itemId, note });
  };
  const itemId = 'ha-rd-financial-subsidy';
  const jinshuiFirms = await firmsOf(jinshui, itemId, 4);
  const zhongyuanFirms = await firmsOf(zhongyuan, itemId, 2);
  type Until = 'submitted' | 'district_approved' | 'approved' | 'returned' | 'paid';
  const plan = (firm: (typeof jinshuiFirms)[number], district: Actor, until: Until) => ({ firm, district, until });
  const plans = [
    ...jinshuiFirms.map((firm, i) => plan(firm, jinshui, (['submitted', 'district_approved', 'approved', 'paid'] as const)[i] ?? 'submitted')),
    ...zhongyuanFirms.map((firm, i) => plan(firm, zhongyuan, (['returned', 'paid'] as const)[i] ?? 'submitted')),
  ];
  for (const plan of plans) {
    const created = await apply(plan.firm, itemId, '按研发费用专项审计报告申报，附审计报告。');
    if (plan.until === 'submitted') continue;
    if (plan.until === 'returned') {
      await delivery.reviewApplication(plan.district, created.id, { decision: 'return', reason: '请补充研发费用专项审计报告。' });
      continue;
    }
    await delivery.reviewApplication(plan.district, created.id, { decision: 'approve' });
    if (plan.until === 'district_approved') continue;
    await delivery.reviewApplication(city, created.id, { decision: 'approve' });
    if (plan.until === 'approved') continue;
    await delivery.payApplication(city, created.id, {});
  }

  // an application the rule had not matched, approved after review: a miss of the rule
  const missItem = 'zz-provincial-specialised-sme-award-2024';
  const matchedThere = new Set((await delivery.findEligible(jinshui, missItem)).map((f) => f.enterpriseId));
  const outsider = (await delivery.findEligible(jinshui, itemId)).find((f) => !matchedThere.has(f.enterpriseId) && f.enterpriseId !== own && !plans.some((p) => p.firm.enterpriseId === f.enterpriseId));
  if (outsider) {
    const created = await apply(outsider, missItem, '本企业2024年新认定为省级专精特新中小企业（企业库尚未更新标签），附认定文件。');
    await delivery.reviewApplication(jinshui, created.id, { decision: 'approve' });
    await delivery.reviewApplication(city, created.id, { decision: 'approve', approvedWan: 50 });
  }

  // 免申即享: 中原区 confirms the list of the R&D super deduction, leaving one firm out
  let grants = 0;
  const exemptItem = 'cn-rd-super-deduction-2023';
  const list = await delivery.getExemptList(zhongyuan, exemptItem, { status: 'pending', page: 1, pageSize: 1 }).catch(() => null);
  const first = list?.items[0];
  if (list && first) {
    const confirmed = await delivery.confirmExemptList(zhongyuan, exemptItem, {
      expected: { count: list.selection.count, checksum: list.selection.checksum }, excluded: [{ enterpriseId: first.enterpriseId, reason: '企业已申请注销，待核实后再兑现。' }],
    });
    grants += confirmed.grantedCount;
  }
  return { applications, grants: grants + plans.filter((p) => p.until === 'paid').length };
}
