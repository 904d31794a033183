// Every card the app can produce, bound with real data through the card functions in cards/:
// each template in each of its views (form, card, per-user views, lists, notices, help, setup,
// digest, dialogs). test/unit/cards/accessibility.test.ts walks this list, so a new card is
// checked by adding one entry here: `name` says which view it is, `template` which file in
// cards/templates it comes from (every template must appear at least once). The records the cards
// are bound to (a busy action, a reviewed risk, a pending sign-off, a meeting...) are in
// test/support/cardGalleryRecords.ts.
import { actionCard, actionFormCard, myActionsCard, NO_CHANGES } from '../../cards/actionCards.js';
import { boardPackCard } from '../../cards/boardPackCards.js';
import { helpCard, noticeCard } from '../../cards/commonCards.js';
import { dialogForm } from '../../cards/dialog.js';
import { digestCard } from '../../cards/digestCard.js';
import type { AdaptiveCardJson, CardTemplateName } from '../../cards/render.js';
import { placeActionsCard } from '../../cards/placeActionsCard.js';
import { searchResultsCard } from '../../cards/searchCards.js';
import { myRisksCard, NO_RISK_CHANGES, riskCard, riskRegisterCard, type RiskPermissions } from '../../cards/riskCards.js';
import { riskFormCard } from '../../cards/riskFormCard.js';
import { setupChooserCard, setupFormCard, setupOverviewCard } from '../../cards/setupCard.js';
import { signOffCard, signOffFormCard, signOffListCard, signOffPlaceCard, unavailableRefreshCard } from '../../cards/signOffCards.js';
import { youSaidCard } from '../../cards/youSaidCard.js';
import type { Actor } from '../../records/people.js';
import { placeSettingsSchema } from '../../records/placeSettings.js';
import { composeDigest } from '../../records/digest.js';
import { composeReminder } from '../../records/reminder.js';
import { permissionsOf, type SignOff } from '../../records/signoff.js';
import { keyMessagesCard, meetingCard, meetingFormCard, meetingsListCard, NO_MEETING_CHANGES } from '../../cards/meetingCards.js';
import { composeKeyMessages } from '../../records/keyMessagesDraft.js';
import { sourcesFor } from '../unit/records/digestFixtures.js';
import { action, OWNER, SECRETARY } from './actionFixtures.js';
import {
  busyAction,
  closedAction,
  closedRisk,
  GALLERY_AGENDA,
  galleryMeeting,
  NOW,
  PEOPLE,
  pendingSignOff,
  reviewedRisk,
} from './cardGalleryRecords.js';
import { risk } from './riskFixtures.js';
import { APPROVER, BYSTANDER, CHAIR, DEPUTY, person, signOff, then } from './signOffFixtures.js';

export interface GalleryCard {
  /** Which card and which view of it, as a person would name it. */
  name: string;
  template: CardTemplateName;
  build: () => AdaptiveCardJson;
}

const ALL = { canUpdate: true, canRevise: true, canPropose: true };
const EVERY_RISK_CHANGE: RiskPermissions = {
  review: true,
  controls: true,
  addAction: true,
  escalate: true,
  deescalate: true,
  close: true,
  reopen: true,
};

const viewOf = (s: SignOff, who: Actor, extra: Partial<Parameters<typeof signOffCard>[0]> = {}) =>
  signOffCard({ signOff: s, etag: 'W/"1"', view: { viewer: who, permissions: permissionsOf(s, who) }, ...extra });

const actionForm = (extra: Partial<Parameters<typeof actionFormCard>[0]> = {}) =>
  actionFormCard({ formId: 'form-0001', people: PEOPLE, now: NOW, ...extra });
const riskForm = (extra: Partial<Parameters<typeof riskFormCard>[0]> = {}) =>
  riskFormCard({ formId: 'form-0003', people: PEOPLE, now: NOW, ...extra });
const placeSettings = (place: 'BPL' | 'LAN') =>
  placeSettingsSchema.parse({
    place,
    displayName: place === 'BPL' ? 'Blackpool' : 'Lancashire',
    admins: [person(SECRETARY)],
    chairs: [person(CHAIR)],
  });

/** Every card the app can produce. Add new cards here. */
export const CARD_GALLERY: GalleryCard[] = [
  // help and notices
  { name: 'help', template: 'help', build: () => helpCard() },
  { name: 'help after an unrecognised message', template: 'help', build: () => helpCard('I didn’t recognise that.') },
  { name: 'notice', template: 'notice', build: () => noticeCard('Not saved', 'The store is not answering.') },

  // actions
  { name: 'action form, blank', template: 'actionForm', build: () => actionForm() },
  {
    name: 'action form with problems, input kept',
    template: 'actionForm',
    build: () =>
      actionForm({
        values: { place: 'LAN', locality: 'East', description: 'x', owner: 'aad-secretary', dueDate: '2026-11-20' },
        errors: { description: 'Description is required.', dueDate: 'The due date must be today or later.' },
        banner: 'Some details need attention.',
      }),
  },
  {
    name: 'action form prefilled from a message, mitigating a risk',
    template: 'actionForm',
    build: () =>
      actionForm({
        values: { description: 'Circulate the revised ToR' },
        source: { url: 'https://teams.microsoft.com/l/message/19:abc/1', label: 'Message from Helen Price' },
        mitigates: { ref: 'BPL-R-0004', title: 'Workforce gaps' },
      }),
  },
  { name: 'action form in a dialog', template: 'actionForm', build: () => dialogForm(actionForm(), 'action.create') },
  {
    name: 'action card, owner’s view',
    template: 'actionCard',
    build: () => actionCard({ action: busyAction(), etag: 'W/"1"', now: NOW, permissions: ALL, notice: { text: 'Saved.', style: 'good' } }),
  },
  {
    name: 'action card, shared view',
    template: 'actionCard',
    build: () => actionCard({ action: busyAction(), etag: 'W/"1"', now: NOW, permissions: ALL, shared: true }),
  },
  {
    name: 'action card, read only',
    template: 'actionCard',
    build: () => actionCard({ action: busyAction(), etag: 'W/"1"', now: NOW, permissions: NO_CHANGES }),
  },
  {
    name: 'action card, closed',
    template: 'actionCard',
    build: () => actionCard({ action: closedAction(), etag: 'W/"1"', now: NOW, permissions: ALL }),
  },
  {
    name: 'my actions',
    template: 'myActions',
    build: () =>
      myActionsCard(
        [
          { action: busyAction(), etag: 'W/"1"', permissions: ALL },
          { action: action(NOW, { dueDate: '2026-11-30' }, 'BPL-A-0002'), etag: 'W/"2"', permissions: ALL },
          { action: action(new Date('2026-10-01T10:00:00Z'), { dueDate: '2026-11-02' }, 'BPL-A-0003'), etag: 'W/"3"', permissions: ALL },
        ],
        NOW,
        { text: 'Saved.', style: 'good' },
      ),
  },
  { name: 'my actions, none', template: 'myActions', build: () => myActionsCard([], NOW) },

  // risks
  { name: 'risk form, blank', template: 'riskForm', build: () => riskForm() },
  {
    name: 'risk form with problems, input kept',
    template: 'riskForm',
    build: () =>
      riskForm({
        values: { place: 'LAN', locality: 'East', title: 'x', initialLikelihood: '4', initialConsequence: '5' },
        errors: { title: 'Title is required.', target: 'The target score (9) cannot be higher than the current score (6).' },
        banner: 'Some details need attention.',
        source: { url: 'https://teams.microsoft.com/l/message/19:abc/1', label: 'Message from Helen Price' },
      }),
  },
  { name: 'risk form in a dialog', template: 'riskForm', build: () => dialogForm(riskForm(), 'risk.create') },
  {
    name: 'risk card, owner with every change',
    template: 'riskCard',
    build: () =>
      riskCard({
        risk: reviewedRisk(),
        etag: 'W/"1"',
        now: NOW,
        permissions: EVERY_RISK_CHANGE,
        threshold: 15,
        notice: { text: 'Reviewed.', style: 'good' },
      }),
  },
  {
    name: 'risk card, first assessment, read only',
    template: 'riskCard',
    build: () => riskCard({ risk: risk(NOW), etag: 'W/"1"', now: NOW, permissions: NO_RISK_CHANGES, threshold: 15 }),
  },
  {
    name: 'risk card, shared view',
    template: 'riskCard',
    build: () => riskCard({ risk: reviewedRisk(), etag: 'W/"1"', now: NOW, permissions: EVERY_RISK_CHANGE, threshold: 15, shared: true }),
  },
  {
    name: 'risk card, closed, reopenable',
    template: 'riskCard',
    build: () => riskCard({ risk: closedRisk(), etag: 'W/"1"', now: NOW, permissions: EVERY_RISK_CHANGE, threshold: 15 }),
  },
  {
    name: 'risk register',
    template: 'riskRegister',
    build: () =>
      riskRegisterCard(
        'BPL',
        [
          { risk: reviewedRisk(), threshold: 15 },
          { risk: risk(NOW), threshold: 15 },
        ],
        NOW,
      ),
  },
  { name: 'risk register, empty', template: 'riskRegister', build: () => riskRegisterCard('SC', [], NOW) },
  { name: 'my risks', template: 'myRisks', build: () => myRisksCard([{ risk: reviewedRisk(), threshold: 15 }], NOW) },
  { name: 'my risks, none', template: 'myRisks', build: () => myRisksCard([], NOW) },

  // you said, we did
  {
    name: 'you said, we did',
    template: 'youSaid',
    build: () =>
      youSaidCard('BPL', [
        { ref: 'BPL-A-0002', youSaid: 'The leaflet is only in English.', owner: 'Olu Owen', status: 'OPEN', raisedAt: NOW.toISOString() },
        {
          ref: 'BPL-A-0001',
          youSaid: 'The bus stops at 4pm.',
          weDid: 'It runs to 6pm.',
          owner: 'Olu Owen',
          status: 'CLOSED',
          raisedAt: NOW.toISOString(),
        },
      ]),
  },
  { name: 'you said, we did, none', template: 'youSaid', build: () => youSaidCard('SC', []) },

  // sign-offs
  { name: 'sign-off place chooser', template: 'signOffPlace', build: () => signOffPlaceCard('Choose the place first.') },
  {
    name: 'sign-off form with problems, input kept',
    template: 'signOffForm',
    build: () =>
      signOffFormCard({
        formId: 'form-1',
        place: 'BPL',
        approvers: [
          { id: 'h', name: 'Helen Price', chair: true },
          { id: 'i', name: 'Imran Shah', chair: false },
        ],
        now: NOW,
        values: { title: 'BCF plan', paperUrl: 'javascript:alert(1)', approvers: 'h,i' },
        errors: { paperUrl: 'Give a full link, starting https://' },
        banner: 'Some details need attention before the sign-off can be requested.',
      }),
  },
  {
    name: 'sign-off form, blank',
    template: 'signOffForm',
    build: () =>
      signOffFormCard({
        formId: 'form-2',
        place: 'BPL',
        approvers: [{ id: 'h', name: 'Helen Price', chair: true }],
        now: NOW,
        preselect: true,
      }),
  },
  { name: 'sign-off card, approver’s view', template: 'signOffCard', build: () => viewOf(pendingSignOff(), CHAIR) },
  { name: 'sign-off card, delegate’s view', template: 'signOffCard', build: () => viewOf(pendingSignOff(), DEPUTY) },
  {
    name: 'sign-off card, conflicted approver’s view',
    template: 'signOffCard',
    build: () =>
      viewOf(
        then(
          pendingSignOff(),
          APPROVER,
          { type: 'declareConflict', person: person(APPROVER), nature: 'perceived', howManaged: 'Takes no part' },
          NOW,
        ),
        APPROVER,
      ),
  },
  { name: 'sign-off card, requester’s view', template: 'signOffCard', build: () => viewOf(pendingSignOff(), SECRETARY) },
  {
    name: 'sign-off card, requester asked for information',
    template: 'signOffCard',
    build: () => viewOf(then(pendingSignOff(), CHAIR, { type: 'requestInfo', question: 'What does phase two cost?' }, NOW), SECRETARY),
  },
  { name: 'sign-off card, bystander’s view', template: 'signOffCard', build: () => viewOf(pendingSignOff(), BYSTANDER) },
  {
    name: 'sign-off card, shared view',
    template: 'signOffCard',
    build: () =>
      signOffCard({ signOff: pendingSignOff(), etag: 'W/"1"', view: 'shared', notice: { text: 'Requested by Sam Patel.', style: 'good' } }),
  },
  {
    name: 'sign-off card, decided',
    template: 'signOffCard',
    build: () =>
      viewOf(
        then(
          pendingSignOff(),
          CHAIR,
          { type: 'approveWithConditions', conditions: 'Report to the March board', comment: 'Supported' },
          NOW,
        ),
        CHAIR,
      ),
  },
  {
    name: 'sign-off card, chair ratifying',
    template: 'signOffCard',
    build: () => viewOf(then(signOff(NOW, { route: 'chairs-action', approvers: [person(CHAIR)] }), CHAIR, { type: 'approve' }, NOW), CHAIR),
  },
  {
    name: 'sign-off card, recording a delegate',
    template: 'signOffCard',
    build: () => viewOf(pendingSignOff(), CHAIR, { delegating: [person(DEPUTY), person(BYSTANDER)] }),
  },
  { name: 'sign-off card that cannot be loaded just now', template: 'notice', build: () => unavailableRefreshCard('BPL-S-0003', CHAIR.id) },
  {
    name: 'sign-offs list',
    template: 'signOffList',
    build: () => {
      const s = { record: pendingSignOff(), etag: 'W/"1"' };
      return signOffListCard({
        pending: [s],
        mine: [s],
        toRatify: [s],
        canRatify: true,
        now: NOW,
        notice: { text: 'Saved.', style: 'good' },
      });
    },
  },
  {
    name: 'sign-offs list, empty',
    template: 'signOffList',
    build: () => signOffListCard({ pending: [], mine: [], toRatify: [], canRatify: false, now: NOW }),
  },

  // place setup
  {
    name: 'setup overview',
    template: 'setup',
    build: () => setupOverviewCard([{ settings: placeSettings('BPL'), channels: [{ name: 'Blackpool Partnership' }], canChange: true }]),
  },
  { name: 'setup: choose the channel’s place', template: 'setup', build: () => setupChooserCard(['BPL', 'LAN'], 'Partnership channel') },
  {
    name: 'setup form with a problem, input kept',
    template: 'setup',
    build: () =>
      setupFormCard({
        place: 'LAN',
        etag: 'W/"1"',
        people: PEOPLE,
        values: { locality: 'East', chairs: 'aad-secretary', approvers: 'aad-secretary', admins: '', threshold: '15', digest: 'true' },
        errors: { admins: 'Name at least one admin.' },
        notice: { text: 'Some settings need attention.', style: 'attention' },
        channel: { id: '19:lan@thread.tacv2', name: 'Lancashire Partnership', linked: false },
      }),
  },

  // weekly digest
  { name: 'weekly digest', template: 'digest', build: () => digestCard(composeDigest(sourcesFor())) },
  { name: 'weekly digest preview', template: 'digest', build: () => digestCard(composeDigest(sourcesFor()), { preview: true }) },
  {
    name: 'weekday reminder',
    template: 'digest',
    build: () => {
      const overdue = action(new Date('2026-10-01T10:00:00Z'), { dueDate: '2026-11-02', owner: OWNER }, 'BPL-A-0003');
      const reminder = composeReminder({
        person: OWNER,
        viewer: { id: OWNER.id, guest: false },
        now: NOW,
        actions: [overdue],
        risksReviewOverdue: [],
        signOffs: [],
      });
      if (!reminder) throw new Error('expected a reminder');
      return digestCard(reminder);
    },
  },
  {
    name: 'weekly digest, quiet week',
    template: 'digest',
    build: () =>
      digestCard(
        composeDigest(
          sourcesFor(undefined, {
            changed: { actions: [], risks: [], signOffs: [] },
            overdueActions: [],
            dueActions: [],
            escalatedRisks: [],
            openSignOffs: [],
          }),
        ),
      ),
  },

  // a place's action log
  {
    name: 'a place’s action log',
    template: 'placeActions',
    build: () =>
      placeActionsCard({
        place: 'BPL',
        view: 'open',
        actions: [busyAction(), action(NOW, {}, 'BPL-A-0002')],
        total: 40,
        owners: [OWNER],
        now: NOW,
      }),
  },
  {
    name: 'a place’s action log, empty',
    template: 'placeActions',
    build: () => placeActionsCard({ place: 'SC', view: 'open', actions: [], total: 0, owners: [], now: NOW }),
  },

  // find
  {
    name: 'search results',
    template: 'searchResults',
    build: () =>
      searchResultsCard({
        query: 'workforce',
        results: [
          { record: reviewedRisk(), match: '1' },
          { record: busyAction(), match: '3' },
        ],
        more: 3,
      }),
  },
  {
    name: 'search results, nothing found',
    template: 'searchResults',
    build: () => searchResultsCard({ query: 'BCF', results: [], more: 0 }),
  },

  // board pack
  {
    name: 'board pack, files to follow (personal chat)',
    template: 'boardPack',
    build: () => boardPackCard({ place: 'BPL', madeFor: PEOPLE[0]!, now: NOW }),
  },
  {
    name: 'board pack, download links (channel)',
    template: 'boardPack',
    build: () =>
      boardPackCard({
        place: 'BPL',
        madeFor: PEOPLE[0]!,
        now: NOW,
        links: {
          items: (['actionLogXlsx', 'actionLogCsv', 'riskRegisterXlsx', 'riskRegisterCsv', 'boardPackDocx', 'boardPackHtml'] as const).map(
            (kind) => ({ kind, url: `https://bot.example/api/files/${'t'.repeat(43)}` }),
          ),
          expiresAt: new Date(NOW.getTime() + 15 * 60_000),
        },
      }),
  },
  // board meetings (each card at 60 and 80 agenda items is checked in test/unit/cards/meetingCards.test.ts)
  {
    name: 'prepare a meeting, draft agenda',
    template: 'meetingForm',
    build: () =>
      meetingFormCard({
        formId: 'form-0005',
        place: 'BPL',
        agenda: GALLERY_AGENDA,
        values: { board: 'Blackpool Place Partnership Board', date: '2026-12-07' },
      }),
  },
  {
    name: 'meeting card, chair’s view',
    template: 'meetingCard',
    build: () => {
      const m = galleryMeeting();
      return meetingCard({
        meeting: m,
        etag: 'W/"1"',
        entries: m.agenda.map((item) => ({
          item,
          etag: 'W/"2"',
          canClose: item.section === 'proposedForClosure',
          canRatify: item.section === 'ratification',
        })),
        permissions: { record: true, draft: true, send: false },
        composed: composeKeyMessages(m),
        now: NOW,
      });
    },
  },
  {
    name: 'meeting card, shared view',
    template: 'meetingCard',
    build: () =>
      meetingCard({
        meeting: galleryMeeting(),
        etag: 'W/"1"',
        entries: [],
        permissions: NO_MEETING_CHANGES,
        composed: '',
        now: NOW,
        shared: true,
      }),
  },
  { name: 'meetings of a place', template: 'meetingList', build: () => meetingsListCard('BPL', [galleryMeeting()], true) },
  { name: 'published key messages', template: 'keyMessages', build: () => keyMessagesCard(galleryMeeting(true)) },
];
