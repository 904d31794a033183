// End to end through the Agents Playground's HTTP API: someone picks "Log as action" or "Raise as
// risk" on a message in the group chat; the dialog opens prefilled; submitting it logs the record
// and its card appears in the group chat. Real Playground, real bot host, real Azurite.
import { expect } from 'chai';
import { CHAIR, MOCK_TENANT, SECRETARY } from '../support/playgroundTenant.js';
import { fieldErrors, inputValues, londonDate, startStack, texts, type Stack } from './stack.js';
import type { AdaptiveCard } from '../support/playgroundTypes.js';

const GROUP = MOCK_TENANT.groupChat.id;
const LINK = 'https://teams.microsoft.com/l/message/19:group-chat-e2e/1732356000000';

/** The message payload Teams (and the Playground page) sends with a message action. */
function messagePayload(html: string) {
  return {
    id: '1732356000000',
    createdDateTime: new Date().toISOString(),
    importance: 'normal',
    locale: 'en-us',
    from: { user: { userIdentityType: 'aadUser', id: CHAIR.aadObjectId, displayName: CHAIR.name } },
    body: { contentType: 'html', content: html },
    attachments: [],
    mentions: [
      {
        id: 0,
        mentionText: 'Imran',
        mentioned: { user: { userIdentityType: 'aadUser', id: MOCK_TENANT.users[1]!.aadObjectId, displayName: 'Imran Shah' } },
      },
    ],
    reactions: [],
    linkToMessage: LINK,
  };
}

type Task = { type: string; value: unknown };
type Dialog = { title: string; card: { contentType: string; content: AdaptiveCard } };

describe('Capturing a message from the group chat (Agents Playground HTTP API)', function () {
  this.timeout(30_000);
  let stack: Stack;

  before(async () => {
    stack = await startStack();
  });
  after(async () => stack?.stop());

  async function messageAction(name: string, value: Record<string, unknown>): Promise<Task> {
    const res = await stack.playground.invoke({
      name,
      conversationId: GROUP,
      replyToId: undefined as unknown as string,
      value: { commandContext: 'message', context: { theme: 'default' }, ...value },
    });
    const task = (res as unknown as { task?: Task }).task;
    if (!task) throw new Error(`no task in ${JSON.stringify(res)}`);
    return task;
  }
  const submitData = (form: AdaptiveCard, inputs: Record<string, unknown>) => {
    const submit = (form.actions as Record<string, unknown>[]).find((a) => a.type === 'Action.Submit');
    return { ...(submit?.data as Record<string, unknown>), ...inputs };
  };

  it('"Log as action" opens the action form prefilled from the message; submitting it posts the action card in the group chat', async () => {
    const fetched = await messageAction('composeExtension/fetchTask', {
      commandId: 'logAction',
      messagePayload: messagePayload('<p>Can <at id="0">Imran</at> circulate the revised ToR&nbsp;before the next board?</p>'),
    });
    expect(fetched.type).to.equal('continue');
    const dialog = fetched.value as Dialog;
    expect(dialog.title).to.equal('Log as action');
    const form = dialog.card.content;
    const values = inputValues(form);
    expect(values.description).to.equal('Can Imran Shah circulate the revised ToR before the next board?');
    expect(values.owner).to.equal(CHAIR.aadObjectId);
    expect(texts(form).join('\n')).to.contain('Copied from Helen Price’s message');

    const wrong = await messageAction('composeExtension/submitAction', {
      commandId: 'logAction',
      data: submitData(form, { ...values, place: 'BPL', dueDate: '' }),
    });
    expect(wrong.type).to.equal('continue');
    const again = (wrong.value as Dialog).card.content;
    expect(Object.keys(fieldErrors(again))).to.deep.equal(['dueDate']);
    expect(inputValues(again).description).to.equal(values.description);

    const done = await messageAction('composeExtension/submitAction', {
      commandId: 'logAction',
      data: submitData(again, { ...values, place: 'BPL', dueDate: londonDate(21) }),
    });
    expect(done).to.deep.equal({
      type: 'message',
      value: 'Action BPL-A-0001 logged for Helen Price. Its card is now in the conversation.',
    });
    const posted = await stack.playground.nextReply({ conversationId: GROUP });
    expect(texts(posted.card!).join('\n')).to.contain(`Logged by ${SECRETARY.name} for Helen Price.`).and.contain('Action BPL-A-0001');
    expect(JSON.stringify(posted.card), 'a button everyone can use to open their own view').to.contain('"title":"Open BPL-A-0001"');
    expect(stack.playground.problems(), 'no warnings in the Playground log').to.deep.equal([]);
  });

  it('"Raise as risk" opens the risk form prefilled; submitting it posts the risk card in the group chat', async () => {
    const fetched = await messageAction('composeExtension/fetchTask', {
      commandId: 'raiseRisk',
      messagePayload: messagePayload('<p>Neighbourhood teams cannot take on the new programmes.</p>'),
    });
    const form = (fetched.value as Dialog).card.content;
    const values = inputValues(form);
    expect(values.title).to.equal('Neighbourhood teams cannot take on the new programmes.');
    expect(values.event).to.equal('Neighbourhood teams cannot take on the new programmes.');
    const done = await messageAction('composeExtension/submitAction', {
      commandId: 'raiseRisk',
      data: submitData(form, {
        ...values,
        place: 'BPL',
        cause: 'several partners asking the same staff',
        effect: 'delays to care closer to home',
        category: 'workforce',
        initialLikelihood: '4',
        initialConsequence: '4',
        targetLikelihood: '2',
        targetConsequence: '3',
      }),
    });
    expect(done).to.deep.equal({
      type: 'message',
      value: 'Risk BPL-R-0001 raised on the Blackpool register, owned by Helen Price. Its card is now in the conversation.',
    });
    const posted = await stack.playground.nextReply({ conversationId: GROUP });
    expect(texts(posted.card!).join('\n')).to.contain(`Raised by ${SECRETARY.name}, owned by Helen Price.`);
  });
});
