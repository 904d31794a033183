// Who closes actions and ratifies at a forum's meeting: the forum's chairs and the place's admins.
import { expect } from 'chai';
import { mayDecideAtMeeting, refusedAtMeeting } from '../../../records/meetingDeciders.js';
import type { Actor } from '../../../records/people.js';

const forum = { chairs: [{ id: 'ruth', name: 'Ruth Ellison', title: 'Independent Chair' }] };
const person = (id: string, roles: Actor['roles']): Actor => ({ id, name: id, roles });

describe('records/meetingDeciders: who decides at a forum’s meeting', () => {
  it('the forum’s chair decides, whatever their place role', () => {
    expect(mayDecideAtMeeting(person('ruth', []), forum)).to.equal(true);
    expect(mayDecideAtMeeting(person('ruth', ['chair']), forum)).to.equal(true);
  });
  it('a place admin (the board secretary) decides at any forum’s meeting', () => {
    expect(mayDecideAtMeeting(person('sam', ['admin']), forum)).to.equal(true);
  });
  it('a chair of the place who does not chair this forum does not', () => {
    expect(mayDecideAtMeeting(person('helen', ['chair']), forum)).to.equal(false);
    expect(mayDecideAtMeeting(person('helen', ['approver']), forum)).to.equal(false);
  });
  it('a meeting with no forum: the place’s chairs and admins, as before forums', () => {
    expect(mayDecideAtMeeting(person('helen', ['chair']), undefined)).to.equal(true);
    expect(mayDecideAtMeeting(person('sam', ['admin']), undefined)).to.equal(true);
    expect(mayDecideAtMeeting(person('pat', []), undefined)).to.equal(false);
  });
  it('as a refusal for a change made at the meeting: the place chair who does not chair the forum is told who may; the forum’s chair is not refused', () => {
    expect(refusedAtMeeting(person('helen', ['chair']), forum)).to.deep.equal({
      code: 'WRONG_PERSON',
      message: 'Only a chair of this forum or a place admin (the board secretary) can do that at its meeting.',
    });
    expect(refusedAtMeeting(person('ruth', ['chair']), forum)).to.equal(undefined);
    expect(refusedAtMeeting(person('sam', ['admin']), forum)).to.equal(undefined);
  });
});
