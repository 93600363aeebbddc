/**
 * ID cards for the central simulator's named citizens, so one swipe at a simulated
 * reader reaches records the simulated central system holds: 'hall-employee-with-appointment'
 * (预约签到), 'hall-turning-60' (政策找人: retirement), 'hall-newborn-father' /
 * 'hall-newborn-mother' (newborn 一件事), 'hall-elderly' (绿色通道), 'hall-agent' with
 * 'hall-principal-1'…'hall-principal-8' (代办), 'hall-uninsured' (a data check that finds nothing).
 */
import { buildPopulation, type Citizen } from '../central/population.js';
import type { SimPerson } from './people.js';

const ISSUER = '杭州市公安局西湖分局';

function cardOf(c: Citizen, id: string): SimPerson {
  const birth = c.birthDate.replaceAll('-', '');
  const age = new Date().getFullYear() - Number(birth.slice(0, 4));
  return {
    id,
    kind: 'resident',
    name: c.name,
    sex: c.sex === 'male' ? '1' : '2',
    nation: '01',
    birth,
    address: c.address,
    idNumber: c.idNumber,
    issuer: ISSUER,
    validFrom: '20200101',
    // Cards issued after 46 are valid for life (长期).
    validTo: age >= 46 ? '长期' : '20400101',
  };
}

let cache: { day: string; cards: SimPerson[] } | null = null;

/** The named citizens of the central simulator's population, as ID cards (recomputed each day: ages are relative). */
export function hallCitizenCards(today = Date.now()): SimPerson[] {
  const day = new Date(today).toISOString().slice(0, 10);
  if (cache?.day === day) return cache.cards;
  let principal = 0;
  const cards = buildPopulation(today, 0)
    .filter((c) => c.role !== 'newborn')
    .map((c) => cardOf(c, c.role === 'principal' ? `hall-principal-${++principal}` : `hall-${c.role}`));
  cache = { day, cards };
  return cards;
}
