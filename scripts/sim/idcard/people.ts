/**
 * Synthetic card holders for the simulator. None of them exists; every ID number has a
 * valid GB 11643 check digit (except the one card made to fail it). Eight residents
 * cover "one agent handling eight principals"; one is over 70 for the elderly flow.
 */
export type SimCardKind = 'resident' | 'J' | 'I' | 'Y';

export interface SimPerson {
  /** Control-API name, e.g. 'resident-1'. */
  id: string;
  kind: SimCardKind;
  name: string;
  /** '1' male, '2' female. */
  sex: '1' | '2';
  /** GB 3304 code; '' on foreigners' cards. */
  nation: string;
  birth: string;
  address: string;
  idNumber: string;
  issuer: string;
  validFrom: string;
  /** YYYYMMDD or 长期. */
  validTo: string;
  /** J: pass number and issue count; I: English name, nationality, version, authority; Y: English name, renewals, nationality. */
  extra?: Record<string, string>;
}

import { hallCitizenCards } from './hall-citizens.js';

const HZ = '杭州市公安局西湖分局';

export const SIM_PEOPLE: readonly SimPerson[] = [
  { id: 'resident-1', kind: 'resident', name: '张三', sex: '1', nation: '01', birth: '19850315', address: '浙江省杭州市西湖区文三路1号', idNumber: '330106198503151238', issuer: HZ, validFrom: '20150101', validTo: '20350101' },
  { id: 'resident-2', kind: 'resident', name: '李梅', sex: '2', nation: '01', birth: '19900704', address: '浙江省杭州市上城区解放路88号', idNumber: '330102199007042349', issuer: '杭州市公安局上城分局', validFrom: '20160704', validTo: '20360704' },
  { id: 'resident-3', kind: 'resident', name: '王建国', sex: '1', nation: '03', birth: '19781122', address: '浙江省杭州市拱墅区湖墅南路20号3幢', idNumber: '330105197811223458', issuer: '杭州市公安局拱墅分局', validFrom: '20180101', validTo: '长期' },
  { id: 'resident-4', kind: 'resident', name: '欧阳娜娜', sex: '2', nation: '01', birth: '19920208', address: '浙江省杭州市西湖区天目山路176号', idNumber: '330106199202084566', issuer: HZ, validFrom: '20120208', validTo: '20320208' },
  { id: 'resident-5', kind: 'resident', name: '赵志强', sex: '1', nation: '08', birth: '19670519', address: '浙江省杭州市滨江区江南大道3850号', idNumber: '330108196705195670', issuer: '杭州市公安局滨江分局', validFrom: '20100519', validTo: '长期' },
  { id: 'resident-6', kind: 'resident', name: '孙丽', sex: '2', nation: '02', birth: '19880930', address: '浙江省杭州市余杭区文一西路969号', idNumber: '330110198809306786', issuer: '杭州市公安局余杭分局', validFrom: '20190930', validTo: '20390930' },
  { id: 'resident-7', kind: 'resident', name: '周杰', sex: '1', nation: '01', birth: '19951111', address: '浙江省杭州市西湖区学院路77号', idNumber: '330106199511117894', issuer: HZ, validFrom: '20211111', validTo: '20311111' },
  { id: 'resident-8', kind: 'resident', name: '吴晓燕', sex: '2', nation: '05', birth: '19830606', address: '浙江省杭州市上城区南山路12号', idNumber: '330102198306068907', issuer: '杭州市公安局上城分局', validFrom: '20130606', validTo: '20330606' },
  // Aged >= 70 (born 1950): the elderly flow (longer idle time, larger text).
  { id: 'elder-1', kind: 'resident', name: '陈桂英', sex: '2', nation: '01', birth: '19500101', address: '浙江省杭州市西湖区古荡新村5幢2单元301室', idNumber: '330106195001010124', issuer: HZ, validFrom: '20100101', validTo: '长期' },
  // Check digit deliberately wrong (the valid one is 3): the kiosk must say so.
  { id: 'bad-check-digit', kind: 'resident', name: '刘错', sex: '1', nation: '01', birth: '19740808', address: '浙江省杭州市西湖区测试路1号', idNumber: '330106197408089011', issuer: HZ, validFrom: '20140808', validTo: '20340808' },
  { id: 'hk-1', kind: 'J', name: '陈大文', sex: '1', nation: '', birth: '19900101', address: '浙江省杭州市上城区解放路2号', idNumber: '810000199001011230', issuer: '杭州市公安局', validFrom: '20200101', validTo: '20250101', extra: { passNumber: 'H12345678', issueCount: '01' } },
  { id: 'foreign-2017-1', kind: 'I', name: '史密斯', sex: '1', nation: '', birth: '19750801', address: '', idNumber: 'USA310075080101', issuer: '1500', validFrom: '20170601', validTo: '20270601', extra: { englishName: 'SMITH, JOHN', nationality: 'USA', cardVersion: '01' } },
  { id: 'foreign-2023-1', kind: 'Y', name: '玛丽', sex: '2', nation: '', birth: '20000101', address: '', idNumber: '933156200001011233', issuer: '国家移民管理局', validFrom: '20230601', validTo: '20330601', extra: { englishName: 'MARTIN, MARIE-CLAIRE ANNE LOUISE DE LA TOUR', renewalCount: '00', nationality: 'FRA' } },
];

/** A card by control name: the fixed cards above, then the central simulator's named citizens ('hall-…'). */
export function findPerson(id: string): SimPerson | undefined {
  return SIM_PEOPLE.find((p) => p.id === id) ?? hallCitizenCards().find((p) => p.id === id);
}
