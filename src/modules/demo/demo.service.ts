import { listDivisions } from '../../standards/index.ts';
import type { Actor } from '../../server/actor.ts';
import type { Clock } from '../../server/clock.ts';
import type { Role } from '../../server/permissions.ts';
import type { EnterprisesService } from '../enterprises/index.ts';
import type { UsersService } from '../users/index.ts';
import { generateDemoEnterprises } from './demo-enterprises.ts';

export type DemoAccount = { username: string; role: string; description: string };

/**
 * Loads the demo: generated enterprises (marked as demo) and one account per role, all
 * with the demo password. Safe to run on an empty database only.
 */
export async function seedDemo(deps: { enterprises: EnterprisesService; users: UsersService; clock: Clock; actor: Actor }, options: { enterprises: number; password: string; adminPassword?: string | undefined }): Promise<{ enterprises: number; accounts: DemoAccount[] }> {
  const reportYear = deps.clock.now().getFullYear() - 1;
  const generated = generateDemoEnterprises(options.enterprises, { reportYear });
  let inserted = 0;
  for (let i = 0; i < generated.length; i += 5000) {
    const batch = generated.slice(i, i + 5000).map((e) => ({ ...e, isDemo: true }));
    inserted += await deps.enterprises.seedEnterprises(deps.actor, batch);
  }

  const jinshuiStreet = listDivisions({ parentCode: '410105', level: 'township' })[0];
  const ownEnterprise = await deps.enterprises.findFirstInDivision('410105');
  const accounts: (Omit<DemoAccount, 'role'> & { role: Role; displayName: string; jurisdictionCode?: string; enterpriseId?: string; departmentName?: string; password: string })[] = [
    { username: 'admin', role: 'admin', displayName: '系统管理员', description: '系统管理员 (全部权限)', password: options.adminPassword ?? options.password },
    { username: 'city', role: 'city', displayName: '市工信局 张科长', jurisdictionCode: '410100', description: '市工信局 (郑州市)', password: options.password },
    { username: 'jinshui', role: 'district', displayName: '金水区工信局 李干事', jurisdictionCode: '410105', description: '金水区工信局 (410105)', password: options.password },
    { username: 'zhongyuan', role: 'district', displayName: '中原区工信局 王干事', jurisdictionCode: '410102', description: '中原区工信局 (410102)', password: options.password },
    { username: 'leader', role: 'leader', displayName: '市领导 (只读)', jurisdictionCode: '410100', description: '市领导 / 链长 (只读)', password: options.password },
    { username: 'shuiwu', role: 'department', displayName: '市税务局 承办人', jurisdictionCode: '410100', departmentName: '国家税务总局郑州市税务局', description: '承办单位 (税务)', password: options.password },
  ];
  if (jinshuiStreet) {
    accounts.push({ username: 'jiedao', role: 'street', displayName: `${jinshuiStreet.name} 包联干部`, jurisdictionCode: jinshuiStreet.code, description: `街道干部 (${jinshuiStreet.name}, ${jinshuiStreet.code})`, password: options.password });
  }
  if (ownEnterprise) {
    accounts.push({ username: 'qiye', role: 'enterprise', displayName: `${ownEnterprise.name} 联络员`, enterpriseId: ownEnterprise.id, description: `企业用户 (${ownEnterprise.name})`, password: options.password });
  }
  for (const a of accounts) {
    if (await deps.users.findByUsername(a.username)) continue;
    await deps.users.createUser({
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      password: a.password,
      jurisdictionCode: a.jurisdictionCode ?? null,
      enterpriseId: a.enterpriseId ?? null,
      departmentName: a.departmentName ?? null,
      isDemo: true,
    });
  }
  return { enterprises: inserted, accounts: accounts.map(({ username, role, description }) => ({ username, role, description })) };
}
