import { listDivisions, listIndustries, makeCreditCode } from '../../standards/index.ts';
import { createRandom, type Random } from './random.ts';

/** The six pillar industries of 郑州 the demo is weighted to, as GB/T 4754-2017 大类 with weights. */
const INDUSTRY_WEIGHTS: readonly (readonly [string, number])[] = [
  ['C39', 22], // 电子信息: 计算机、通信和其他电子设备制造业
  ['C36', 10], // 汽车制造业
  ['C34', 8], // 通用设备制造业
  ['C35', 8], // 专用设备制造业
  ['C38', 6], // 电气机械和器材制造业
  ['C30', 6], // 新材料: 非金属矿物制品业
  ['C26', 5], // 化学原料和化学制品制造业
  ['C27', 7], // 生物医药: 医药制造业
  ['C32', 6], // 铝: 有色金属冶炼和压延加工业
  ['C33', 5], // 金属制品业
  ['C13', 5], // 现代食品: 农副食品加工业
  ['C14', 5], // 食品制造业
  ['C15', 2], // 酒、饮料和精制茶制造业
  ['C29', 3], // 橡胶和塑料制品业
  ['C40', 2], // 仪器仪表制造业
];

const INDUSTRY_WORDS: Record<string, readonly string[]> = {
  C39: ['电子', '光电', '智能终端', '通信设备', '半导体', '信息技术'],
  C36: ['汽车', '客车', '汽车零部件', '新能源汽车', '专用车'],
  C34: ['机械', '阀门', '泵业', '轴承', '动力设备'],
  C35: ['重工', '矿山机械', '盾构装备', '农机', '环保设备'],
  C38: ['电气', '电缆', '电池', '储能', '电力设备'],
  C30: ['新材料', '耐火材料', '超硬材料', '建材', '陶瓷'],
  C26: ['化工', '新材料', '涂料'],
  C27: ['药业', '生物科技', '制药', '医疗器械'],
  C32: ['铝业', '铝材', '有色金属', '铜业'],
  C33: ['金属制品', '钢构', '五金'],
  C13: ['食品', '粮油', '面业'],
  C14: ['食品', '速冻食品', '乳业'],
  C15: ['饮品', '酒业', '茶业'],
  C29: ['塑业', '橡胶', '包装材料'],
  C40: ['仪器', '传感器', '仪表'],
};

const PREFIXES = ['宏达', '中原', '华信', '天瑞', '汇丰', '博远', '鼎盛', '恒通', '金诺', '嵩岳', '黄河', '豫新', '新安', '瑞普', '众邦', '锦华', '大象', '领航', '国泰', '盛世', '宇恒', '立信', '思源', '东方', '郑发', '嘉德', '飞龙', '中科', '正阳', '同创', '万达', '长城', '明泰', '海天', '凯盛', '拓普', '安图', '普莱', '世纪', '联创'];
const SUFFIXES = [['有限公司', 70], ['股份有限公司', 15], ['科技有限公司', 15]] as const;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '郭', '孙', '马', '朱', '胡'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '磊', '强', '军', '洋', '勇', '艳', '杰', '涛', '明', '超', '华', '鹏', '辉'];
const ORG_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export type DemoEnterprise = {
  creditCode: string;
  name: string;
  divisionCode: string;
  industryCode: string;
  address: string;
  legalRepresentative: string;
  contactName: string;
  contactPhone: string;
  foundedOn: string;
  employees: number;
  revenueWan: number;
  mainBusinessRevenueWan: number;
  assetsWan: number;
  rdExpenseWan: number;
  taxWan: number;
  landMu: number;
  energyTce: number;
  patents: number;
  exportWan: number;
  tags: string[];
  /** Earlier years' figures, oldest first, for the indicators table. */
  history: { year: number; employees: number; revenueWan: number; mainBusinessRevenueWan: number; assetsWan: number; rdExpenseWan: number; taxWan: number }[];
};

function organizationBody(index: number): string {
  // A bijection from the index to 8 code characters, scrambled so neighbours do not look alike.
  let n = (index * 2_654_435_761 + 97_531) % 31 ** 8;
  let body = '';
  for (let i = 0; i < 8; i++) {
    body = (ORG_CHARS[n % 31] ?? '0') + body;
    n = Math.floor(n / 31);
  }
  return body;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function person(r: Random): string {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '');
}

/**
 * Generates `count` deterministic, plausible 郑州 manufacturers: valid credit codes, streets
 * of 郑州's districts, industries weighted to the six pillar industries, and figures that
 * hang together (revenue from headcount, R&D and tax as shares of revenue, land from size).
 */
export function generateDemoEnterprises(count: number, options: { seed?: number; reportYear: number }): DemoEnterprise[] {
  const r = createRandom(options.seed ?? 20261125);
  const streets = listDivisions({ level: 'township' }).filter((d) => d.code.startsWith('4101'));
  if (streets.length === 0) throw new Error('no street-level divisions of 郑州 in the reference data');
  const classesByDivision = new Map<string, string[]>();
  for (const [division] of INDUSTRY_WEIGHTS) {
    const classes = listIndustries({ level: 'class' }).filter((i) => i.code.startsWith(division)).map((i) => i.code);
    classesByDivision.set(division, classes);
  }
  const usedNames = new Set<string>();
  const out: DemoEnterprise[] = [];
  for (let i = 0; i < count; i++) {
    const division = r.weighted(INDUSTRY_WEIGHTS);
    const industryCode = r.pick(classesByDivision.get(division) ?? [division]);
    const street = r.pick(streets);
    const county = street.code.slice(0, 6);
    let name = '';
    for (let attempt = 0; attempt < 20 && (!name || usedNames.has(name)); attempt++) {
      const place = r.chance(0.7) ? '郑州' : (street.name.replace(/(街道|镇|乡|办事处)$/, '') || '郑州');
      const suffix = r.weighted(SUFFIXES);
      name = `${place}${r.pick(PREFIXES)}${r.pick(INDUSTRY_WORDS[division] ?? ['实业'])}${suffix}`;
    }
    if (usedNames.has(name)) name = `${name.replace(/有限公司$/, '')}${i}有限公司`;
    usedNames.add(name);

    const employees = Math.max(3, Math.round(r.logNormal(60, 1.2)));
    const productivity = r.logNormal(45, 0.5);
    const revenueWan = round2(employees * productivity);
    const rdRatio = Math.min(0.15, r.logNormal(0.025, 0.7));
    const founded = r.int(1985, options.reportYear);
    const tags: string[] = [];
    if (rdRatio >= 0.03 && r.chance(0.45)) tags.push('高新技术企业');
    if (employees < 500 && rdRatio >= 0.02 && r.chance(0.25)) tags.push('科技型中小企业');
    if (employees < 1000 && revenueWan >= 1000 && rdRatio >= 0.03 && r.chance(0.12)) tags.push('专精特新中小企业');
    if (tags.includes('专精特新中小企业') && r.chance(0.15)) tags.push('专精特新“小巨人”');
    if (r.chance(0.03)) tags.push('绿色工厂');
    if (r.chance(0.02)) tags.push('失信');

    const history: DemoEnterprise['history'] = [];
    for (let back = 2; back >= 1; back--) {
      const g = 1 / Math.pow(1 + r.logNormal(0.08, 0.8) - 0.04, back);
      const rev = round2(revenueWan * g);
      history.push({
        year: options.reportYear - back,
        employees: Math.max(1, Math.round(employees * Math.pow(g, 0.5))),
        revenueWan: rev,
        mainBusinessRevenueWan: round2(rev * 0.93),
        assetsWan: round2(rev * 0.9),
        rdExpenseWan: round2(rev * rdRatio),
        taxWan: round2(rev * 0.03),
      });
    }
    out.push({
      creditCode: makeCreditCode({ authority: '9', category: '1', divisionCode: county, organizationBody: organizationBody(i + 1) }),
      name,
      divisionCode: street.code,
      industryCode,
      address: `河南省郑州市${street.name}${r.pick(['工业路', '科学大道', '长椿路', '经开第', '航海路', '中原路', '文化路', '创新大道'])}${r.int(1, 300)}号`,
      legalRepresentative: person(r),
      contactName: person(r),
      contactPhone: `1${r.pick(['37', '38', '39', '58', '86', '88'])}${String(r.int(0, 99_999_999)).padStart(8, '0')}`,
      foundedOn: `${founded}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`,
      employees,
      revenueWan,
      mainBusinessRevenueWan: round2(revenueWan * (0.85 + r.next() * 0.15)),
      assetsWan: round2(revenueWan * (0.5 + r.next() * 1.2)),
      rdExpenseWan: round2(revenueWan * rdRatio),
      taxWan: round2(revenueWan * (0.01 + r.next() * 0.05)),
      landMu: round2(Math.max(2, employees / (4 + r.next() * 8))),
      energyTce: round2(revenueWan * (0.01 + r.next() * (division === 'C32' || division === 'C30' ? 0.6 : 0.1))),
      patents: Math.round(rdRatio * revenueWan * 0.02 * r.next() * 10),
      exportWan: r.chance(0.25) ? round2(revenueWan * r.next() * 0.4) : 0,
      tags,
      history,
    });
  }
  return out;
}
