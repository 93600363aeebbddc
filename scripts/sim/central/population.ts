/**
 * The central simulator's synthetic population: citizens with valid GB 11643 ID numbers
 * and the records a data check looks at (social insurance, household, property,
 * kinship), appointments and what entitles them to a matter (政策找人). Named citizens
 * cover the journeys (one about to turn 60, a household with a newborn, an agent with
 * eight principals); `extra` more are generated from a fixed seed.
 * Dates are relative to `today` so "about to turn 60" stays true whenever it runs.
 */
import { makeIdNumber } from './id-number.js';
// Deterministic, so every run builds the same population.
import { mulberry32 } from '../../../test/support/seeded-random.js';

export interface Citizen {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  address: string;
  role: string;
  socialInsurance: { status: 'active' | 'suspended'; since: string } | null;
  householdId: string;
  householdRole: 'head' | 'spouse' | 'child' | 'parent';
  properties: string[];
  /** Kinship by ID number of the relative. */
  kinship: Array<{ relation: 'spouse' | 'child' | 'parent'; idNumber: string }>;
  criminalRecord: boolean;
  /** Appointments today: HH:MM hall time. */
  appointments: Array<{ matterId: string; time: string; queue: string }>;
}

const REGION = '330106'; // 杭州市西湖区
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
function yearsBefore(today: number, years: number, plusDays = 0): string {
  const d = new Date(today + plusDays * DAY);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return iso(d.getTime());
}

export function buildPopulation(today = Date.now(), extra = 200): Citizen[] {
  const people: Citizen[] = [];
  let sequence = 100;
  const add = (c: Omit<Citizen, 'idNumber'>): Citizen => {
    sequence += 2;
    const seq = c.sex === 'male' ? sequence + 1 : sequence; // odd = male
    const citizen = { idNumber: makeIdNumber(REGION, c.birthDate, seq % 1000), ...c };
    people.push(citizen);
    return citizen;
  };
  const base = { properties: [] as string[], kinship: [], criminalRecord: false, appointments: [] };
  const insured = (since: string) => ({ status: 'active' as const, since });

  add({ ...base, name: '张伟', sex: 'male', birthDate: '1985-04-12', address: '浙江省杭州市西湖区文三路100号', role: 'employee-with-appointment',
    socialInsurance: insured('2009-07'), householdId: 'H001', householdRole: 'head', properties: ['西湖区文三路100号3幢201室'],
    appointments: [{ matterId: 'social-insurance-proof', time: '10:30', queue: 'A' }] });
  // Turns 60 in 20 days: 政策找人 offers the retirement bundle.
  add({ ...base, name: '李秀英', sex: 'female', birthDate: yearsBefore(today, 60, 20), address: '浙江省杭州市西湖区古墩路8号', role: 'turning-60',
    socialInsurance: insured('1995-01'), householdId: 'H002', householdRole: 'head', properties: ['西湖区古墩路8号1单元502室'] });
  // A household with a newborn (30 days old): both parents are offered the newborn bundle.
  const father = add({ ...base, name: '王强', sex: 'male', birthDate: '1992-09-03', address: '浙江省杭州市西湖区天目山路55号', role: 'newborn-father',
    socialInsurance: insured('2015-03'), householdId: 'H003', householdRole: 'head' });
  const mother = add({ ...base, name: '刘芳', sex: 'female', birthDate: '1994-02-18', address: '浙江省杭州市西湖区天目山路55号', role: 'newborn-mother',
    socialInsurance: insured('2017-06'), householdId: 'H003', householdRole: 'spouse' });
  const baby = add({ ...base, name: '王小宝', sex: 'male', birthDate: iso(today - 30 * DAY), address: '浙江省杭州市西湖区天目山路55号', role: 'newborn',
    socialInsurance: null, householdId: 'H003', householdRole: 'child' });
  father.kinship.push({ relation: 'spouse', idNumber: mother.idNumber }, { relation: 'child', idNumber: baby.idNumber });
  mother.kinship.push({ relation: 'spouse', idNumber: father.idNumber }, { relation: 'child', idNumber: baby.idNumber });
  baby.kinship.push({ relation: 'parent', idNumber: father.idNumber }, { relation: 'parent', idNumber: mother.idNumber });
  add({ ...base, name: '陈静', sex: 'female', birthDate: '2001-11-30', address: '浙江省杭州市西湖区学院路20号', role: 'uninsured',
    socialInsurance: null, householdId: 'H004', householdRole: 'head' });
  add({ ...base, name: '赵敏', sex: 'female', birthDate: yearsBefore(today, 75, -40), address: '浙江省杭州市西湖区北山街1号', role: 'elderly',
    socialInsurance: insured('1988-01'), householdId: 'H005', householdRole: 'head', properties: ['西湖区北山街1号'] });
  add({ ...base, name: '周杰', sex: 'male', birthDate: '1979-06-06', address: '浙江省杭州市西湖区教工路66号', role: 'agent',
    socialInsurance: insured('2001-08'), householdId: 'H006', householdRole: 'head' });
  const surnames = ['孙', '吴', '郑', '冯', '褚', '卫', '蒋', '沈', '韩', '杨', '朱', '秦'];
  const given = ['建国', '秀兰', '海燕', '志强', '丽娟', '明', '婷', '磊', '静怡', '国华'];
  for (let i = 0; i < 8; i++) {
    add({ ...base, name: `${surnames[i]}${given[i]}`, sex: i % 2 ? 'female' : 'male', birthDate: `19${60 + i}-0${(i % 9) + 1}-1${i}`,
      address: `浙江省杭州市西湖区教工路${70 + i}号`, role: 'principal', socialInsurance: insured('2005-01'), householdId: `H1${i}`,
      householdRole: 'head', properties: i % 3 === 0 ? [`西湖区教工路${70 + i}号`] : [], kinship: [], appointments: [] });
  }
  const random = mulberry32(20260301);
  for (let i = 0; i < extra; i++) {
    const year = 1940 + Math.floor(random() * 65);
    const birth = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
    add({ ...base, kinship: [], appointments: [], name: `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}`,
      sex: random() < 0.5 ? 'male' : 'female', birthDate: birth, address: `浙江省杭州市西湖区某路${i + 1}号`, role: 'generated',
      socialInsurance: random() < 0.85 ? insured(`${Math.max(year + 20, 1990)}-01`) : null, householdId: `G${i}`, householdRole: 'head',
      properties: random() < 0.5 ? [`西湖区某路${i + 1}号`] : [], criminalRecord: random() < 0.02 });
  }
  return people;
}

export function ageOn(birthDate: string, today: number): number {
  const t = new Date(today);
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  let age = t.getUTCFullYear() - y;
  if (t.getUTCMonth() + 1 < m || (t.getUTCMonth() + 1 === m && t.getUTCDate() < d)) age--;
  return age;
}
