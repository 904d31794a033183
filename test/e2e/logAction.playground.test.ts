// End to end through the Microsoft 365 Agents Playground's HTTP API: a board secretary logs an
// action in Teams, gets it wrong once, then right, lists it, and it is in Table Storage with its
// audit event. Real Playground process, real bot host, real Azurite; nothing mocked.
import { odata } from '@azure/data-tables';
import { expect } from 'chai';
import { formatDate } from '../../records/dates.js';
import { CHAIR, SECRETARY } from '../support/playgroundTenant.js';
import type { Reply } from '../support/playgroundTypes.js';
import { fieldErrors, inputs, inputValues, londonDate, startStack, texts, verbs, type Stack } from './stack.js';

// Workstream and ward (the place's own, issue 26) and "You said" joined the form; the strategic
// objective (SO1–SO6, issue 26) follows the place priority, as on the risk form; the minute ref
// (issue 25) follows the meeting date.
const FORM_FIELDS = [
  'place',
  'locality',
  'description',
  'owner',
  'dueDate',
  'sourceMeeting',
  'sourceDate',
  'sourceMinuteRef',
  'priority',
  'strategicObjective',
  'workstream',
  'ward',
  'youSaid',
];
const DESCRIPTION = 'Draft terms of reference for the Place Integration Deal delivery group and bring them to the December board';
const MEETING = 'Blackpool Place Partnership Board';
const MINUTE = 'BPPB/26/112';

describe('Logging an action in Teams (Agents Playground HTTP API)', function () {
  this.timeout(30_000);
  let stack: Stack;
  let form: Reply | undefined;
  let ref: string | undefined;
  const dueDate = londonDate(60);

  before(async () => {
    stack = await startStack();
  });
  after(async () => {
    await stack?.stop();
  });

  it('"help" in personal chat shows what the bot can do, with buttons to log and list actions', async () => {
    await stack.playground.send('help');
    const help = await stack.playground.nextReply();
    expect(help.card, 'a help card').to.exist;
    expect(texts(help.card!).join('\n')).to.include('log action').and.to.include('my actions');
    expect(verbs(help.card!)).to.include.members(['action.form', 'action.mine']);
  });

  it('"log action" in personal chat shows the action form with every field and a "Log action" button', async () => {
    await stack.playground.send('log action');
    form = await stack.playground.nextReply();
    expect(form.card, 'an Adaptive Card').to.exist;
    expect(Object.keys(inputs(form.card!))).to.have.members(FORM_FIELDS);
    expect(verbs(form.card!)).to.include('action.create');
    expect(fieldErrors(form.card!), 'no errors on a fresh form').to.deep.equal({});
    const ownerChoices = (inputs(form.card!).owner!.choices as { title: string; value: string }[]).map((c) => c.value);
    expect(ownerChoices, 'the person logging is offered as owner').to.include(SECRETARY.aadObjectId);
  });

  it('submitting with no description and yesterday as due date brings back the same form with two errors and the other entries kept', async () => {
    expect(form, 'the form from "log action"').to.exist;
    const entered = {
      place: 'BPL',
      description: '',
      owner: SECRETARY.aadObjectId,
      dueDate: londonDate(-1),
      sourceMeeting: MEETING,
      priority: 'BCF',
    };
    const res = await stack.playground.execute(form!, entered, { verb: 'action.create' });
    expect(res.card, 'the invoke answers with a card').to.exist;
    const card = res.card!;
    expect(Object.keys(inputs(card)), 'the same form').to.have.members(FORM_FIELDS);
    expect(verbs(card)).to.include('action.create');

    const errors = fieldErrors(card);
    expect(Object.keys(errors)).to.have.members(['description', 'dueDate']);
    expect(errors.description).to.match(/description/i);
    expect(errors.dueDate).to.match(/today or later/i);

    const kept = inputValues(card);
    expect(kept.place).to.equal('BPL');
    expect(kept.owner).to.equal(SECRETARY.aadObjectId);
    expect(kept.sourceMeeting).to.equal(MEETING);
    expect(kept.priority).to.equal('BCF');
    form = { ...form!, card };
  });

  it('a valid submit replaces the form with a confirmation: ref BPL-A-0001, place, owner, due date, status and RAG', async () => {
    expect(form, 'the form with errors').to.exist;
    const res = await stack.playground.execute(
      form!,
      {
        place: 'BPL',
        description: DESCRIPTION,
        owner: SECRETARY.aadObjectId,
        dueDate,
        sourceMeeting: MEETING,
        sourceMinuteRef: MINUTE,
        priority: 'BCF',
      },
      { verb: 'action.create' },
    );
    expect(res.card, 'a confirmation card').to.exist;
    const shown = texts(res.card!);
    const heading = shown.find((t) => /^Action [A-Z]{2,3}-A-\d{4} logged$/.test(t));
    expect(heading, `a heading naming the ref in: ${shown.join(' | ')}`).to.exist;
    ref = /([A-Z]{2,3}-A-\d{4})/.exec(heading!)![1];
    expect(ref, 'the first Blackpool action').to.equal('BPL-A-0001');
    expect(shown).to.include.members(['Blackpool', SECRETARY.name, formatDate(dueDate), 'Open', 'Green · on track', DESCRIPTION]);
    expect(Object.keys(inputs(res.card!)), 'the form is gone').to.not.include('place');
  });

  it('"my actions" lists BPL-A-0001 with its place, description, due date and RAG', async () => {
    expect(ref, 'the logged ref').to.equal('BPL-A-0001');
    await stack.playground.send('my actions');
    const list = await stack.playground.nextReply();
    expect(list.card, 'a list card').to.exist;
    const shown = texts(list.card!);
    expect(shown).to.include.members([`${ref} · Blackpool`, 'Green · on track', DESCRIPTION, `Due ${formatDate(dueDate)} · Open`]);
    expect(verbs(list.card!)).to.include('action.view');
  });

  it('Azurite holds the action and one create audit event by the secretary; the refused submit left nothing', async () => {
    expect(ref, 'the logged ref').to.equal('BPL-A-0001');
    const rows: Record<string, unknown>[] = [];
    for await (const e of stack.records.listEntities<Record<string, unknown>>({
      queryOptions: { filter: odata`PartitionKey eq ${'BPL'}` },
    })) {
      rows.push(e);
    }
    const json = (e: Record<string, unknown>) =>
      JSON.parse(Array.from({ length: Number(e.chunks ?? 1) }, (_, i) => String(e[`data${i}`] ?? '')).join('')) as Record<string, unknown>;

    const records = rows.filter((e) => String(e.rowKey).startsWith('rec|'));
    expect(
      records.map((e) => e.rowKey),
      'exactly one action in Blackpool',
    ).to.deep.equal([`rec|${ref}`]);
    const action = json(records[0]!);
    expect(action).to.include({ ref, place: 'BPL', description: DESCRIPTION, dueDate, status: 'OPEN' });
    expect(action.source, 'the meeting and its minute, as typed').to.deep.equal({ meeting: MEETING, minuteRef: MINUTE });
    expect(action.owner).to.deep.include({ id: SECRETARY.aadObjectId, name: SECRETARY.name });

    const audit = rows.filter((e) => String(e.rowKey).startsWith('aud|'));
    expect(audit, 'one audit event').to.have.length(1);
    const event = json(audit[0]!);
    expect(event).to.deep.include({ kind: 'action', ref, place: 'BPL', before: null });
    expect(event.actor).to.deep.include({ id: SECRETARY.aadObjectId, name: SECRETARY.name });
    expect(event.after).to.deep.include({ description: DESCRIPTION, dueDate });

    const counter = rows.find((e) => e.rowKey === 'ctr|A');
    expect(counter?.last, 'the ref counter moved once').to.equal(1);
  });

  it('in a channel, @mentioning the bot with "log action" offers the team as owners, and the chair can log one there', async () => {
    const sent = await stack.playground.sendInChannel('log action', 'Blackpool Partnership');
    const channelForm = await stack.playground.nextReply({ conversationId: sent.conversationId });
    expect(channelForm.card, 'the form in the thread').to.exist;
    const owners = (inputs(channelForm.card!).owner!.choices as { title: string }[]).map((c) => c.title);
    expect(owners).to.include.members([SECRETARY.name, CHAIR.name]);

    const res = await stack.playground.execute(
      channelForm,
      { place: 'BPL', description: 'Bring the BCF review to the board', owner: CHAIR.aadObjectId, dueDate },
      { verb: 'action.create', from: CHAIR.id },
    );
    const shown = texts(res.card!);
    expect(shown, shown.join(' | ')).to.include('Action BPL-A-0002 logged');
    expect(
      shown.find((t) => t.startsWith(`${CHAIR.name}, `)),
      `raised by the chair in: ${shown.join(' | ')}`,
    ).to.exist;
  });

  it('everyone in the channel then sees the form replaced by the logged action, read-only with an Open button', async () => {
    const updates = stack.playground.events.filter((e) => e.action === 'updateMessage');
    expect(updates, 'one message updated for everyone').to.have.length(1);
    const json = JSON.stringify(updates[0]);
    expect(json).to.include('BPL-A-0002').and.to.include(`Logged by ${CHAIR.name} for ${CHAIR.name}.`);
    expect(json).to.include('action.view').and.not.to.include('action.addUpdate');
  });

  it('from its card the owner adds an update, revises the due date with a reason and proposes closure; each refreshes the card', async () => {
    await stack.playground.send(`show ${ref}`);
    const view = await stack.playground.nextReply();
    expect(verbs(view.card!)).to.include.members(['action.addUpdate', 'action.reviseDueDate', 'action.proposeClosure']);

    const updated = await stack.playground.execute(view, { updateText: 'First draft shared with partners' }, { verb: 'action.addUpdate' });
    expect(texts(updated.card!)).to.include.members(['Update saved.', 'In progress']);
    expect(texts(updated.card!).join(' | ')).to.include(`${SECRETARY.name}: First draft shared with partners`);

    const later = londonDate(90);
    const revised = await stack.playground.execute(
      { ...view, card: updated.card! },
      { newDueDate: later, reason: 'Waiting for the council legal view' },
      { verb: 'action.reviseDueDate' },
    );
    const revisedTexts = texts(revised.card!).join(' | ');
    expect(revisedTexts).to.include(formatDate(later)).and.to.include('Waiting for the council legal view');

    const proposed = await stack.playground.execute(
      { ...view, card: revised.card! },
      { closureNote: 'Terms of reference agreed' },
      { verb: 'action.proposeClosure' },
    );
    expect(texts(proposed.card!)).to.include.members(['Proposed for closure', 'Blue · proposed for closure']);
    expect(verbs(proposed.card!)).not.to.include('action.proposeClosure');
  });

  it('a card left open from before those changes is told it is out of date, and nothing is overwritten', async () => {
    await stack.playground.send(`show ${ref}`);
    const fresh = await stack.playground.nextReply();
    const stale = await stack.playground.execute(
      { ...fresh, card: fresh.card! },
      { updateText: 'A late note' },
      { verb: 'action.addUpdate' },
    );
    expect(texts(stale.card!)).to.include('Update saved.');
    const again = await stack.playground.execute(
      { ...fresh, card: fresh.card! },
      { updateText: 'From the stale card' },
      { verb: 'action.addUpdate' },
    );
    expect(texts(again.card!).join(' | ')).to.include('Someone else changed this action');
  });
});
