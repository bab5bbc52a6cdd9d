import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Db } from '../../server/db/index.ts';
import type { AuditService } from '../audit/index.ts';
import type { EnterprisesService } from '../enterprises/index.ts';
import { createUsersService, type UserSummary } from '../users/index.ts';
import { createFilesService } from '../files/index.ts';
import { createDeadlineSweep } from './deadline-sweep.ts';
import { createLiaisonsService } from './liaisons.service.ts';
import { DAY_MS } from './deadlines.ts';
import type { DepartmentKind, RequestState, Urgency } from './service.constants.ts';
import { createServiceDeskService } from './service.service.ts';
import type { TransitionBody } from './service.schemas.ts';

/** The demo uploads nothing; the desk needs a files service all the same. */
const DEMO_FILE_LIMIT_BYTES = 10 * 1024 * 1024;

/** 承办单位 of the demo; users with role `department` are linked by their department name. */
const DEMO_DEPARTMENTS: { name: string; kind: DepartmentKind; username: string }[] = [
  { name: '国家税务总局郑州市税务局', kind: 'tax', username: 'shuiwu' },
  { name: '国网郑州供电公司', kind: 'power', username: 'gongdian' },
  { name: '郑州市自然资源和规划局', kind: 'natural_resources', username: 'ziranziyuan' },
  { name: '郑州市人力资源和社会保障局', kind: 'human_resources', username: 'renshe' },
  { name: '郑州市市场监督管理局', kind: 'market_regulation', username: 'shichang' },
  { name: '郑州市地方金融管理局', kind: 'finance', username: 'jinrong' },
  { name: '郑州市发展和改革委员会', kind: 'development_reform', username: 'fagai' },
  { name: '郑州华润燃气股份有限公司', kind: 'gas', username: 'ranqi' },
];

/** Demo handler accounts (role department), one per department, for departments the demo accounts do not cover. */
export const DEMO_DEPARTMENT_ACCOUNTS = DEMO_DEPARTMENTS.map((d) => ({ username: d.username, departmentName: d.name }));

const DEPARTMENT_FOR: Record<string, string> = {
  land: '郑州市自然资源和规划局', labour: '郑州市人力资源和社会保障局', financing: '郑州市地方金融管理局', utilities: '国网郑州供电公司',
  approvals: '郑州市市场监督管理局', policy: '国家税务总局郑州市税务局', market: '郑州市发展和改革委员会', innovation: '郑州市发展和改革委员会', other: '国家税务总局郑州市税务局',
};

const PROBLEMS: Record<string, string[]> = {
  land: ['二期扩建用地指标未落实', '厂房不动产权证办理缓慢', '园区土地规划调整影响扩产'],
  labour: ['缺少数控操作工 30 名', '技术工人流失严重，希望对接职业院校', '高层次人才落户手续咨询'],
  financing: ['流动资金贷款到期续贷困难', '希望对接知识产权质押融资', '设备更新贷款贴息申报'],
  utilities: ['新车间增容 800 kVA 申请未批', '频繁停电影响连续生产', '天然气接入费用过高'],
  approvals: ['环评审批时间过长', '特种设备使用登记办理咨询', '食品生产许可证延续'],
  policy: ['研发费用加计扣除政策咨询', '技改奖补资金未到位', '专精特新奖励资金兑现'],
  market: ['希望参加链主企业供需对接会', '出口订单受阻，寻求外贸服务', '产品进入政府采购目录咨询'],
  innovation: ['申报省级企业技术中心', '与高校共建研发平台', '首台（套）装备认定咨询'],
  other: ['厂区周边道路破损影响物流', '员工通勤公交线路调整', '厂区周边噪声投诉协调'],
};

function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  return { next, pick, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

type DemoUser = UserSummary;

function actorOf(user: DemoUser): Actor {
  return {
    id: user.id, username: user.username, displayName: user.displayName, role: user.role, jurisdictionCode: user.jurisdictionCode, jurisdictionName: null, enterpriseId: user.enterpriseId,
    // The demo walks every request through its life as if each party acted; scope is not what is being shown here.
    scope: user.role === 'enterprise' && user.enterpriseId ? { kind: 'enterprise', enterpriseId: user.enterpriseId } : { kind: 'all' },
  };
}

/**
 * Demo data of the service desk: departments with their demo users, liaison officers, visits,
 * and about 80 requests walked through the real state machine over the last five months, so
 * the timeline, the statistics and the overdue marks are what the system itself produced.
 * Deterministic; runs once, on a database whose demo accounts were just created.
 */
export async function seedServiceDemo(deps: { db: Db; audit: AuditService; enterprises: EnterprisesService; clock: Clock }, options: { password: string; requests?: number }): Promise<{ departments: number; requests: number }> {
  const { db, audit, enterprises } = deps;
  const realNow = deps.clock.now();
  let current = new Date(realNow.getTime() - 150 * DAY_MS);
  const demoClock: Clock = { now: () => current };
  const usersService = createUsersService({ db });
  const files = createFilesService({ db, audit, maxBytes: DEMO_FILE_LIMIT_BYTES });
  const desk = createServiceDeskService({ db, audit, clock: demoClock, enterprises, users: usersService, files });
  const liaisons = createLiaisonsService({ db, audit, clock: demoClock, desk, users: usersService, files });
  const users = await usersService.findDemoUsers();
  const byName = new Map(users.map((u) => [u.username, u]));
  const admin = byName.get('admin');
  if (!admin) return { departments: 0, requests: 0 };
  const adminActor = actorOf(admin);
  const city = byName.get('city') ? actorOf(byName.get('city') as DemoUser) : adminActor;

  const departments = new Map<string, string>();
  for (const d of DEMO_DEPARTMENTS) {
    const created = await desk.createDepartment(adminActor, { ...d, jurisdictionCode: '410100', isDemo: true });
    departments.set(d.name, created.id);
  }
  // Every department gets a handler account: an existing demo user with its department name, or a new one.
  const departmentActors = new Map<string, Actor>();
  for (const d of DEMO_DEPARTMENTS) {
    const id = departments.get(d.name) ?? '';
    let user = users.find((u) => u.role === 'department' && u.departmentName === d.name);
    if (!user && !byName.has(d.username)) {
      const row = await usersService.createUser({ username: d.username, displayName: `${d.name} 承办人`, role: 'department', password: options.password, jurisdictionCode: '410100', departmentName: d.name, isDemo: true });
      user = { id: row.id, username: row.username, role: 'department', displayName: row.displayName, jurisdictionCode: '410100', enterpriseId: null, departmentName: d.name };
    }
    if (!user) continue;
    await desk.addDepartmentMember(adminActor, id, user.id);
    departmentActors.set(id, actorOf(user));
  }
  const handlerFor = (departmentId: string): Actor => departmentActors.get(departmentId) ?? adminActor;

  const page = await enterprises.findEnterprises(adminActor, { page: 1, pageSize: 120 });
  const firms = page.items;
  if (firms.length === 0) return { departments: departments.size, requests: 0 };
  const own = users.find((u) => u.role === 'enterprise' && u.enterpriseId);
  const ownFirm = own ? firms.find((f) => f.id === own.enterpriseId) : undefined;

  // 包联: the street officer looks after firms in its street, the district officers after some of theirs.
  const street = byName.get('jiedao');
  const since = new Date(current.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const officerFor = (divisionCode: string): DemoUser | undefined => {
    if (street?.jurisdictionCode && divisionCode.startsWith(street.jurisdictionCode)) return street;
    return users.find((u) => u.role === 'district' && u.jurisdictionCode && divisionCode.startsWith(u.jurisdictionCode));
  };
  for (const f of firms.slice(0, 60)) {
    const officer = officerFor(f.divisionCode);
    if (!officer) continue;
    await liaisons.assignLiaison(adminActor, { officerId: officer.id, enterpriseId: f.id, level: officer.role === 'street' ? 'street' : 'district', since });
  }

  const rnd = seeded(20261125);
  const categories = Object.keys(PROBLEMS);
  const total = options.requests ?? 80;
  const plans: { firm: (typeof firms)[number]; at: number; target: RequestState; category: string; urgency: Urgency; title: string }[] = [];
  const targets: [RequestState, number][] = [['submitted', 8], ['accepted', 7], ['dispatched', 12], ['in_progress', 15], ['resolved', 10], ['rated', 22], ['archived', 16], ['returned', 5], ['merged', 5]];
  const totalWeight = targets.reduce((s, [, w]) => s + w, 0);
  for (let i = 0; i < total; i++) {
    let r = rnd.next() * totalWeight;
    let target: RequestState = 'submitted';
    for (const [state, w] of targets) {
      r -= w;
      if (r < 0) {
        target = state;
        break;
      }
    }
    const category = rnd.pick(categories);
    const firm = i < 6 && ownFirm ? ownFirm : rnd.pick(firms);
    // Requests still open are mostly recent (a few old ones are overdue); closed ones spread over five months.
    const stillOpen = ['submitted', 'accepted', 'dispatched', 'in_progress', 'returned'].includes(target);
    plans.push({ firm, at: stillOpen ? rnd.int(1, rnd.next() < 0.7 ? 12 : 40) : rnd.int(5, 145), target, category, urgency: rnd.next() < 0.7 ? 'normal' : rnd.next() < 0.7 ? 'urgent' : 'critical', title: rnd.pick(PROBLEMS[category] ?? ['其他问题']) });
  }
  // The demo enterprise user has one request waiting for its rating, so the loop can be tried at once.
  if (ownFirm && plans[0]) plans[0] = { ...plans[0], target: 'resolved', at: 20 };
  plans.sort((a, b) => b.at - a.at);

  const order: RequestState[] = ['submitted', 'accepted', 'dispatched', 'in_progress', 'resolved', 'rated', 'archived'];
  let created = 0;
  let previous: string | undefined;
  for (const plan of plans) {
    current = new Date(realNow.getTime() - plan.at * DAY_MS - (realNow.getTime() % DAY_MS) + 2 * 3_600_000 + rnd.int(0, 6) * 3_600_000);
    const enterpriseUser = own && own.enterpriseId === plan.firm.id ? actorOf(own) : { ...adminActor, role: 'enterprise' as const, displayName: `${plan.firm.name} 联络员`, enterpriseId: plan.firm.id, scope: { kind: 'enterprise' as const, enterpriseId: plan.firm.id } };
    const byFirm = rnd.next() < 0.6;
    const request = await desk.createRequest(byFirm ? enterpriseUser : city, {
      enterpriseId: plan.firm.id, category: plan.category, urgency: plan.urgency, title: plan.title, description: `${plan.title}。${plan.firm.name}反映，希望尽快协调解决。`, fileIds: [],
    });
    created++;
    const id = request.id;
    const departmentName = DEPARTMENT_FOR[plan.category] ?? '国家税务总局郑州市税务局';
    const departmentId = departments.get(departmentName) ?? '';
    const handler = handlerFor(departmentId);
    const step = async (actor: Actor, body: TransitionBody, days: number) => {
      const next = new Date(current.getTime() + days * DAY_MS + rnd.int(1, 5) * 3_600_000);
      if (next.getTime() >= realNow.getTime()) return false;
      current = next;
      await desk.transition(actor, id, body);
      return true;
    };
    const goal = plan.target;
    if (goal === 'merged' && previous) {
      await step(city, { action: 'merge', targetId: previous }, 1);
      continue;
    }
    previous = id;
    if (goal === 'returned') {
      if (await step(city, { action: 'accept' }, 1)) await step(city, { action: 'dispatch', leadDepartmentId: departmentId, coHandlerIds: [] }, 1).then((ok) => ok && step(handler, { action: 'return', reason: '该事项不属于本单位职责，建议转交相关部门' }, 2));
      continue;
    }
    const reach = order.indexOf(goal);
    if (reach < 1 || !(await step(city, { action: 'accept' }, rnd.int(0, 2)))) continue;
    if (reach < 2 || !(await step(city, { action: 'dispatch', leadDepartmentId: departmentId, coHandlerIds: [] }, rnd.int(0, 2)))) continue;
    if (reach < 3 || !(await step(handler, { action: 'start' }, rnd.int(0, 3)))) continue;
    if (rnd.next() < 0.25 && (await step(handler, { action: 'await_enterprise', reason: '请补充相关证明材料' }, 1))) await step(enterpriseUser, { action: 'resume' }, rnd.int(1, 4));
    if (reach < 4 || !(await step(handler, { action: 'resolve', reply: `已协调${departmentName}办理：${plan.title}，问题已解决。` }, rnd.int(2, 14)))) continue;
    if (reach < 5) continue;
    const unhappy = rnd.next() < 0.15;
    if (unhappy && (await step(enterpriseUser, { action: 'rate', rating: 'unsatisfied', comment: '答复未解决实际问题' }, 2))) {
      if (!(await step(handler, { action: 'start' }, 1)) || !(await step(handler, { action: 'resolve', reply: '已再次协调并现场办理完毕。' }, rnd.int(2, 6)))) continue;
    }
    if (!(await step(enterpriseUser, { action: 'rate', rating: rnd.next() < 0.75 ? 'satisfied' : 'basically_satisfied', comment: '感谢及时协调' }, rnd.int(1, 3)))) continue;
    if (reach >= 6) await step(city, { action: 'archive' }, rnd.int(1, 5));
  }

  // A few visits by the street officer, one of which raised a problem.
  if (street) {
    const streetActor = actorOf(street);
    const streetFirms = firms.filter((f) => street.jurisdictionCode && f.divisionCode.startsWith(street.jurisdictionCode)).slice(0, 3);
    for (const [i, f] of streetFirms.entries()) {
      current = new Date(realNow.getTime() - (10 + i * 7) * DAY_MS);
      await liaisons.recordVisit(streetActor, {
        enterpriseId: f.id, visitedOn: new Date(current.getTime() + 8 * 3_600_000).toISOString().slice(0, 10), peopleMet: '企业负责人', situation: '生产经营正常，订单较上年增长。', fileIds: [],
        problems: i === 0 ? [{ category: 'labour', urgency: 'normal', title: '春节后用工缺口约 50 人', description: '希望对接职业院校和人社部门招聘会。' }] : [],
      });
    }
  }

  // Overdue marks and escalations as the scheduled sweep would have made them by now.
  current = realNow;
  await createDeadlineSweep({ db, audit, clock: demoClock }).run();
  return { departments: departments.size, requests: created };
}
