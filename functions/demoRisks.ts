// Demo risks for local runs: three or four open risks per place, each with a score history, so
// every register has one review overdue, one above its appetite and one escalated to the ICB
// corporate register. Written in the language of the place papers, not copied from them.
import { createAction, type ActionDraft } from '../records/action.js';
import { addDays, londonToday } from '../records/dates.js';
import { toPerson, type Actor, type Person } from '../records/people.js';
import type { PlaceCode } from '../records/places.js';
import { createRisk, type RiskDraft } from '../records/risk.js';
import { applyRiskCommand, type RiskCommand } from '../records/riskCommands.js';
import type { Rating } from '../records/scoring.js';
import { demoChange, demoCreate } from './demoWrites.js';
import type { Runtime } from './runtime.js';

interface DemoRisk {
  raisedDaysAgo: number;
  /** A mitigating action logged from the risk, linked both ways. */
  mitigation?: { description: string; dueInDays: number };
  draft: RiskDraft;
  /** Later reviews: days after raising, the new score and a note. */
  reviews?: { afterDays: number; to: Rating; note: string }[];
  escalate?: string;
}

const r = (likelihood: Rating['likelihood'], consequence: Rating['consequence']): Rating => ({ likelihood, consequence });

function demoRisks(people: Record<'sam' | 'helen' | 'imran' | 'ruth' | 'tom', Person>): DemoRisk[] {
  const { sam, helen, imran, ruth, tom } = people;
  const risk = (place: PlaceCode, d: Omit<RiskDraft, 'place'>): RiskDraft => ({ place, ...d });
  return [
    // ---------------------------------------------------------------- Blackpool
    {
      raisedDaysAgo: 70,
      draft: risk('BPL', {
        title: 'Neighbourhood teams asked to deliver every new programme at once',
        event:
          'the same small neighbourhood teams cannot take on the Care Connexions roll-out, the ward priorities and winter plans together',
        cause: 'several partners asking the same people for new work without one agreed order of priority',
        effect: 'programmes stall, staff burn out and residents in the priority wards wait longer for joined-up care',
        category: 'workforce',
        owner: sam,
        strategicObjective: 'SO3',
        priority: 'PRIMARY_CARE',
        initial: r(4, 5),
        target: r(2, 3),
        controls: ['Place leadership team agrees the order of new asks each month'],
        gapsInControl: ['No single log of asks made of neighbourhood teams', 'Partners’ plans are not shared before they are announced'],
        response: 'treat',
      }),
      reviews: [{ afterDays: 35, to: r(4, 5), note: 'Two further programmes announced since the last review; no change.' }],
      mitigation: {
        description:
          'Set up one log of every ask made of the neighbourhood teams, shared by all partners, and bring it to the place leadership team monthly.',
        dueInDays: 21,
      },
      escalate: 'The same pressure is reported by every place: for the ICB to coordinate asks across the system.',
    },
    {
      raisedDaysAgo: 95,
      draft: risk('BPL', {
        title: 'Homecare capacity at risk now that winter funding has ended',
        event: 'the council cannot keep in-house homecare at last winter’s level',
        cause:
          'the winter money that paid for the extra capacity has stopped while demand on discharge and admission-avoidance pathways has not',
        effect: 'longer hospital stays and more avoidable admissions for older residents',
        category: 'service-disruption',
        owner: helen,
        lifeCourse: 'Ageing well',
        priority: 'BCF',
        initial: r(4, 4),
        target: r(2, 3),
        controls: ['Daily discharge huddle with the rapid response team', 'The ARC used as a step-up alternative to conveyance'],
        gapsInControl: ['No agreed funding beyond March'],
        response: 'treat',
      }),
      reviews: [{ afterDays: 30, to: r(3, 4), note: 'Council has held capacity for now; independent sector spare capacity mapped.' }],
    },
    {
      raisedDaysAgo: 20,
      draft: risk('BPL', {
        title: 'Duplicated governance between system and place',
        event:
          'decisions are taken twice, or not at all, because accountability and responsibility are unclear between the ICB and the place',
        cause: 'delegation to place is still being worked through and meetings have multiplied',
        effect: 'inefficiency in a stretched system and confusion for partners about where to go',
        category: 'partnership',
        owner: sam,
        strategicObjective: 'SO6',
        initial: r(3, 3),
        target: r(2, 2),
        controls: ['Place Integration Deal sets out what is delegated'],
        gapsInControl: ['Terms of reference for the delivery group not yet agreed'],
        response: 'treat',
      }),
    },
    // ---------------------------------------------------------------- Blackburn with Darwen
    {
      raisedDaysAgo: 60,
      draft: risk('BWD', {
        title: 'Better Care Fund pooled budget over-committed',
        event: 'the pooled budget cannot fund every scheme agreed for this year',
        cause: 'rising care costs and schemes carried over from last year without review',
        effect: 'schemes stopped part-way, with a cost pressure on both the council and the ICB',
        category: 'finance',
        owner: sam,
        strategicObjective: 'SO4',
        priority: 'BCF',
        initial: r(4, 4),
        target: r(2, 3),
        controls: ['Monthly section 75 finance meeting'],
        gapsInControl: ['Scheme outcomes are not measured consistently'],
        response: 'treat',
      }),
      reviews: [{ afterDays: 28, to: r(4, 4), note: 'Month 6 position confirms the pressure; review of schemes commissioned.' }],
      escalate: 'A joint cost pressure the place cannot resolve alone.',
    },
    {
      raisedDaysAgo: 45,
      draft: risk('BWD', {
        title: 'Resident insight not reaching the partnership',
        event: 'what residents in the priority wards tell us is not heard by the partnership',
        cause: 'no agreed route from Healthwatch and community groups into board business',
        effect: 'decisions that miss what matters to residents, and lost trust',
        category: 'reputation',
        owner: imran,
        lifeCourse: 'Living well',
        priority: 'POP_HEALTH',
        initial: r(3, 3),
        target: r(1, 2),
        controls: ['Healthwatch attends the partnership board'],
        gapsInControl: ['No quarterly “you said, we did” report yet'],
        appetite: { level: 'minimal' },
        response: 'treat',
      }),
      reviews: [{ afterDays: 20, to: r(3, 3), note: 'Approach agreed in principle with Healthwatch.' }],
    },
    {
      raisedDaysAgo: 150,
      draft: risk('BWD', {
        title: 'Community services contract ends before a new model is ready',
        event: 'the community services contract ends before the integrated model is agreed',
        cause: 'procurement timetable set before the place model was designed',
        effect: 'a short-notice extension on old terms, or a gap in service',
        category: 'statutory',
        owner: imran,
        priority: 'COMMUNITY',
        initial: r(3, 4),
        target: r(2, 2),
        controls: ['Contract extension option held in reserve'],
        gapsInControl: [],
        response: 'treat',
      }),
      reviews: [{ afterDays: 60, to: r(2, 4), note: 'Extension option confirmed with the provider.' }],
    },
    // ---------------------------------------------------------------- Lancashire
    {
      raisedDaysAgo: 50,
      draft: risk('LAN', {
        title: 'SEND inspection finds gaps in joint commissioning',
        event:
          'the forthcoming SEND inspection finds that health and the council do not commission jointly for children with special educational needs',
        cause: 'separate plans and waiting lists across three localities',
        effect: 'a written statement of action and delays for children and families',
        category: 'statutory',
        owner: ruth,
        lifeCourse: 'Starting well',
        strategicObjective: 'SO1',
        initial: r(4, 4),
        target: r(2, 3),
        controls: ['Joint SEND improvement board meets monthly'],
        gapsInControl: ['No single view of waiting times across localities'],
        response: 'treat',
      }),
      reviews: [{ afterDays: 21, to: r(4, 4), note: 'Inspection window now expected in the spring.' }],
      escalate: 'Statutory inspection with consequences beyond Lancashire place.',
    },
    {
      raisedDaysAgo: 80,
      draft: risk('LAN', {
        locality: 'East',
        title: 'Change stalls where the partnership holds no levers',
        event: 'improvements agreed by the partnership are not delivered',
        cause: 'the partnership works without all the controls and levers for change that sit with individual organisations',
        effect: 'delivery stalls and partners lose confidence in the partnership',
        category: 'partnership',
        owner: sam,
        strategicObjective: 'SO6',
        initial: r(3, 4),
        target: r(2, 3),
        controls: ['Partners sign up to the place delivery plan'],
        gapsInControl: ['No escalation route when a partner cannot deliver'],
        response: 'treat',
      }),
      reviews: [{ afterDays: 10, to: r(3, 3), note: 'Delivery plan signed by all partners.' }],
    },
    {
      raisedDaysAgo: 30,
      draft: risk('LAN', {
        locality: 'Central',
        title: 'Integrated neighbourhood team model not agreed in time',
        event: 'the integrated neighbourhood team model for Central Lancashire is not agreed before the new year',
        cause: 'primary care networks and district partnerships are at different starting points',
        effect: 'the locality falls behind the national timetable and loses funding',
        category: 'quality',
        owner: tom,
        priority: 'PRIMARY_CARE',
        initial: r(3, 3),
        target: r(2, 2),
        controls: ['Workshops held with every primary care network'],
        gapsInControl: [],
        appetite: { level: 'minimal' },
        response: 'treat',
      }),
    },
    // ---------------------------------------------------------------- South Cumbria
    {
      raisedDaysAgo: 100,
      draft: risk('SC', {
        title: 'No formal partnership board agreed with the three councils',
        event: 'South Cumbria has no formal place partnership board to take delegated decisions',
        cause: 'chairing and membership not yet agreed across three local authorities after reorganisation',
        effect: 'decisions delayed or taken outside the place',
        category: 'partnership',
        owner: tom,
        strategicObjective: 'SO6',
        initial: r(3, 4),
        target: r(1, 3),
        controls: ['Place Partnership Forum meets monthly in the interim'],
        gapsInControl: ['Chairing options not yet agreed'],
        response: 'treat',
      }),
      reviews: [{ afterDays: 30, to: r(3, 4), note: 'Options paper with the three councils.' }],
    },
    {
      raisedDaysAgo: 40,
      draft: risk('SC', {
        title: 'ICB staff pulled between system and place',
        event: 'ICB staff supporting South Cumbria are drawn back to system work at short notice',
        cause: 'the push and pull between system and place priorities with no agreed split of time',
        effect: 'uncertainty for partners and place work left undone',
        category: 'workforce',
        owner: sam,
        strategicObjective: 'SO3',
        initial: r(4, 4),
        target: r(2, 2),
        controls: ['Named place lead for each workstream'],
        gapsInControl: ['No agreed split of staff time between system and place'],
        response: 'treat',
      }),
      reviews: [{ afterDays: 14, to: r(4, 4), note: 'Raised with the ICB executive team.' }],
      escalate: 'Needs a system decision on how place teams are staffed.',
    },
    {
      raisedDaysAgo: 25,
      draft: risk('SC', {
        title: 'Continuing health care pathway differs across the place',
        event: 'patients in South Cumbria meet different continuing health care processes depending on where they live',
        cause: 'pathways inherited from previous organisations',
        effect: 'delays in assessment and an unequal service',
        category: 'quality',
        owner: tom,
        priority: 'CHC',
        lifeCourse: 'Dying well',
        initial: r(3, 3),
        target: r(2, 2),
        controls: ['Single CHC team leader for the place'],
        gapsInControl: ['Two assessment forms still in use'],
        appetite: { level: 'minimal' },
        response: 'treat',
      }),
    },
  ];
}

/** Raises the demo risks "back then", reviews them as they were, and escalates the ones the ICB holds. */
export async function loadDemoRisks(runtime: Runtime, people: Parameters<typeof demoRisks>[0], now: Date): Promise<void> {
  const secretary: Actor = { ...people.sam, roles: ['admin'] };
  for (const demo of demoRisks(people)) {
    const raisedAt = new Date(now.getTime() - demo.raisedDaysAgo * 86_400_000);
    let stored = await demoCreate(runtime, 'risk', demo.draft.place, (ref) => createRisk(demo.draft, ref, secretary, raisedAt));
    const steps: { at: Date; command: RiskCommand }[] = (demo.reviews ?? []).map((rv) => ({
      at: new Date(raisedAt.getTime() + rv.afterDays * 86_400_000),
      command: { type: 'rescore', likelihood: rv.to.likelihood, consequence: rv.to.consequence, note: rv.note },
    }));
    if (demo.mitigation) {
      const draft: ActionDraft = {
        place: demo.draft.place,
        description: demo.mitigation.description,
        owner: toPerson(demo.draft.owner),
        dueDate: addDays(londonToday(now), demo.mitigation.dueInDays),
        links: { riskRef: stored.record.ref },
      };
      const action = await demoCreate(runtime, 'action', draft.place, (ref) => createAction(draft, ref, secretary, now));
      steps.push({ at: now, command: { type: 'linkAction', actionRef: action.record.ref } });
    }
    if (demo.escalate)
      steps.push({
        at: new Date(now.getTime() - 86_400_000),
        command: { type: 'changeLevel', to: 'ICB_CORPORATE', reason: demo.escalate },
      });
    for (const step of steps) {
      stored = await demoChange(runtime, 'risk', stored, applyRiskCommand(stored.record, secretary, step.command, step.at));
    }
  }
}
