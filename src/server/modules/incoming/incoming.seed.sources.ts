/**
 * The demo year's senders and documents: 财政部 and its 办公厅, the State
 * Council's office, and the provincial and city bodies a 监管局 in 江西
 * hears from. 文号 follow each sender's real prefix pattern with the year of
 * issue (the year of receipt, or the year before for early-January arrivals)
 * and numbers that climb through the year per prefix; titles follow the
 * usual forms of each 文种. Everything is drawn from a fixed seed, so every
 * demo database holds the same year.
 */

interface Issuer {
  org: string;
  /** How the title names the sender (财政部办公厅 titles read “财政部办公厅关于…”). */
  titleOrg: string;
  prefixes: readonly string[];
  topics: readonly string[];
  types: readonly DocKind[];
  weight: number;
}
type DocKind = '通知' | '函' | '通报' | '意见' | '报告';

const BUDGET = ['预算执行', '部门预算编制', '转移支付资金分配', '预算绩效管理', '专项债券资金使用', '财政资金直达机制'];
const ACCOUNTING = [
  '会计信息质量检查',
  '政府会计准则制度执行',
  '会计档案管理',
  '代理记账行业监管',
  '注册会计师行业执业质量检查',
  '行政事业单位内部控制报告编报',
];
const TREASURY = ['国库集中支付', '库款管理', '财政专户清理', '年终决算', '预算单位银行账户管理'];
const OVERSIGHT = ['财会监督', '财经纪律重点问题专项整治', '直达资金监控', '地方政府隐性债务风险防范', '惠企利民补贴资金核查'];
const SECTORS = [
  '耕地地力保护补贴',
  '衔接推进乡村振兴补助资金',
  '就业补助资金',
  '困难群众救助补助资金',
  '中央基建投资',
  '保障性安居工程资金',
  '节能减排补助资金',
];
const GOVERNMENT = ['优化营商环境', '政务公开', '安全生产', '防汛抗旱', '政务服务“一网通办”', '过紧日子要求落实'];

const ISSUERS: readonly Issuer[] = [
  {
    org: '财政部',
    titleOrg: '财政部',
    prefixes: ['财预', '财会', '财库', '财监'],
    topics: [...BUDGET, ...ACCOUNTING, ...TREASURY, ...OVERSIGHT],
    types: ['通知', '通知', '通知', '函', '通报'],
    weight: 6,
  },
  { org: '财政部', titleOrg: '财政部', prefixes: ['财农', '财社', '财建'], topics: SECTORS, types: ['通知', '通知', '函'], weight: 2 },
  {
    org: '财政部办公厅',
    titleOrg: '财政部办公厅',
    prefixes: ['财办', '财办监', '财办会'],
    topics: [...ACCOUNTING, ...OVERSIGHT, ...TREASURY],
    types: ['通知', '函', '函', '通报'],
    weight: 4,
  },
  { org: '国务院办公厅', titleOrg: '国务院办公厅', prefixes: ['国办发', '国办函'], topics: GOVERNMENT, types: ['通知', '意见'], weight: 1 },
  {
    org: '江西省财政厅',
    titleOrg: '江西省财政厅',
    prefixes: ['赣财预', '赣财会', '赣财库', '赣财监'],
    topics: [...BUDGET, ...ACCOUNTING, ...SECTORS],
    types: ['函', '通知', '报告'],
    weight: 4,
  },
  {
    org: '江西省人民政府办公厅',
    titleOrg: '江西省人民政府办公厅',
    prefixes: ['赣府厅字', '赣府厅发'],
    topics: GOVERNMENT,
    types: ['通知', '意见', '函'],
    weight: 1,
  },
  { org: '南昌市财政局', titleOrg: '南昌市财政局', prefixes: ['洪财预', '洪财会'], topics: [...BUDGET, ...SECTORS], types: ['报告', '函'], weight: 2 },
  { org: '九江市财政局', titleOrg: '九江市财政局', prefixes: ['九财预', '九财监'], topics: [...BUDGET, ...OVERSIGHT], types: ['报告', '函'], weight: 1 },
  { org: '赣州市财政局', titleOrg: '赣州市财政局', prefixes: ['赣市财预'], topics: [...SECTORS, ...BUDGET], types: ['报告', '函'], weight: 1 },
  { org: '鹰潭市人民政府', titleOrg: '鹰潭市人民政府', prefixes: ['鹰府字'], topics: [...GOVERNMENT, ...SECTORS], types: ['函', '报告'], weight: 1 },
  { org: '江西省审计厅', titleOrg: '江西省审计厅', prefixes: ['赣审财'], topics: ['审计查出问题整改', ...BUDGET], types: ['函', '通报'], weight: 1 },
  {
    org: '国家税务总局江西省税务局',
    titleOrg: '国家税务总局江西省税务局',
    prefixes: ['赣税函'],
    topics: ['重大税费政策落实', '非税收入征管', '出口退税管理'],
    types: ['函'],
    weight: 1,
  },
];

/** mulberry32: a small, fixed pseudo-random sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface DemoSource {
  org: string;
  no: string;
  title: string;
  type: DocKind;
}

function titleOf(kind: DocKind, org: string, topic: string, year: number, rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  switch (kind) {
    case '通知':
      return pick([
        `${org}关于做好${year}年${topic}工作的通知`,
        `${org}关于开展${topic}专项检查的通知`,
        `${org}关于印发《${topic}管理办法》的通知`,
        `${org}关于进一步加强${topic}管理的通知`,
      ]);
    case '函':
      return pick([
        `${org}关于征求《${topic}管理暂行办法（征求意见稿）》意见的函`,
        `${org}关于商请提供${topic}有关情况的函`,
        `${org}关于报送${year}年${topic}情况的函`,
      ]);
    case '通报':
      return `${org}关于${year - 1}年度${topic}情况的通报`;
    case '意见':
      return `${org}关于进一步做好${topic}工作的实施意见`;
    case '报告':
      return pick([`${org}关于${topic}自查情况的报告`, `${org}关于${year}年上半年${topic}情况的报告`]);
  }
}

/**
 * One document per receipt date given (in order): sender, 文号 and title.
 * `receivedDates` are `YYYY-MM-DD`.
 */
export function demoSources(receivedDates: readonly string[], seed = 20_261_126): DemoSource[] {
  const rnd = seededRandom(seed);
  const total = ISSUERS.reduce((n, i) => n + i.weight, 0);
  const numbers = new Map<string, number>();
  const titles = new Set<string>();
  return receivedDates.map((day) => {
    let w = rnd() * total;
    const issuer = ISSUERS.find((i) => (w -= i.weight) < 0) ?? (ISSUERS[0] as Issuer);
    const prefix = issuer.prefixes[Math.floor(rnd() * issuer.prefixes.length)] ?? '';
    const received = Number(day.slice(0, 4));
    // A document received in early January was often issued in the last days of the year before.
    const year = day.slice(5, 10) <= '01-10' && rnd() < 0.5 ? received - 1 : received;
    const key = `${prefix}:${year}`;
    const n = (numbers.get(key) ?? Math.floor(rnd() * 8)) + 1 + Math.floor(rnd() * 9);
    numbers.set(key, n);
    const kind = issuer.types[Math.floor(rnd() * issuer.types.length)] ?? '通知';
    let title = '';
    for (let tries = 0; tries < 6 && (title === '' || titles.has(title)); tries++) {
      title = titleOf(kind, issuer.titleOrg, issuer.topics[Math.floor(rnd() * issuer.topics.length)] ?? '', year, rnd);
    }
    titles.add(title);
    return { org: issuer.org, no: `${prefix}〔${year}〕${n}号`, title, type: kind };
  });
}
