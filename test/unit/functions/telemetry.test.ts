import { expect } from 'chai';
import { telemetryConnection } from '../../../functions/telemetry/connection.js';
import { scrubUrl } from '../../../functions/telemetry/scrub.js';
import { turnAttributes } from '../../../functions/telemetry/turnSpan.js';
import { noteTurnOutcome, unsavedOutcome } from '../../../bot/change/turnTelemetry.js';

const KEY = '11111111-2222-4333-8444-555555555555';

describe('telemetry settings and what it may carry', () => {
  it('no connection string: off, with the one start-up line', () => {
    expect(telemetryConnection({})).to.deep.equal({ state: 'off', line: 'telemetry off: APPLICATIONINSIGHTS_CONNECTION_STRING not set' });
    expect(telemetryConnection({ APPLICATIONINSIGHTS_CONNECTION_STRING: '  ' }).state).to.equal('off');
  });

  it('a malformed connection string is named, with what is wrong and never its value', () => {
    for (const bad of [
      'garbage',
      'InstrumentationKey=abc',
      `IngestionEndpoint=https://x.example/`,
      `InstrumentationKey=${KEY};IngestionEndpoint=not a url`,
    ]) {
      const c = telemetryConnection({ APPLICATIONINSIGHTS_CONNECTION_STRING: bad });
      expect(c.state, bad).to.equal('malformed');
      expect(c.state === 'malformed' && c.line).to.match(
        /^telemetry off: APPLICATIONINSIGHTS_CONNECTION_STRING is malformed \(.+\); the app runs without it$/,
      );
      expect(c.state === 'malformed' && c.line, bad).to.not.include(bad === 'garbage' ? 'garbage' : 'abc');
    }
  });

  it('a well-formed one is on; Entra ID ingestion when the authentication string says AAD (as infra sets it)', () => {
    const cs = `InstrumentationKey=${KEY};IngestionEndpoint=https://uksouth-1.in.applicationinsights.azure.com/;LiveEndpoint=https://uksouth.livediagnostics.monitor.azure.com/`;
    expect(
      telemetryConnection({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs, APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD' }),
    ).to.deep.include({ state: 'on', entraAuth: true, ingestionEndpoint: 'https://uksouth-1.in.applicationinsights.azure.com/' });
    expect(telemetryConnection({ APPLICATIONINSIGHTS_CONNECTION_STRING: cs })).to.deep.include({ entraAuth: false });
  });

  it('URLs lose row keys, queries, Bot Connector ids and file tokens', () => {
    expect(scrubUrl("https://st.table.core.windows.net/conversations(PartitionKey='person',RowKey='aad-alex')?$select=x")).to.equal(
      'https://st.table.core.windows.net/conversations()',
    );
    expect(scrubUrl("https://st.table.core.windows.net/records?$filter=RowKey ge 'idx|A|own|aad-alex|'")).to.equal(
      'https://st.table.core.windows.net/records',
    );
    expect(scrubUrl('https://smba.trafficmanager.net/uk/v3/conversations/a%3A1xyz/activities/1234')).to.equal(
      'https://smba.trafficmanager.net/uk/v3/conversations/{id}/activities/{id}',
    );
    expect(scrubUrl('https://func.azurewebsites.net/api/files/abcDEF123')).to.equal('https://func.azurewebsites.net/api/files/{token}');
  });

  it("a turn's attributes: its kind and verb, the person only as a hash, never text or a name", () => {
    const attrs = turnAttributes({
      type: 'invoke',
      name: 'adaptiveCard/action',
      text: 'secret words',
      value: { action: { verb: 'action.close', data: { note: 'typed' } } },
      from: { id: '29:alex', aadObjectId: 'aad-alex', name: 'Alex Wilber' },
      conversation: { conversationType: 'channel' },
    });
    expect(attrs).to.deep.include({
      'turn.kind': 'invoke/adaptiveCard/action',
      'turn.verb': 'action.close',
      'turn.conversation': 'channel',
    });
    expect(attrs['turn.person']).to.match(/^[0-9a-f]{16}$/);
    expect(JSON.stringify(attrs)).to.not.match(/secret|typed|Alex|aad-alex/);
    expect(turnAttributes('not an activity')).to.deep.equal({ 'turn.kind': 'unknown' });
  });

  it('the change pipeline’s outcome: stale, unconfirmed, refused; a no-op with no SDK started', () => {
    expect(unsavedOutcome('stale', false)).to.equal('stale');
    expect(unsavedOutcome('unavailable', true)).to.equal('unconfirmed');
    expect(unsavedOutcome('unavailable', false)).to.equal('error');
    for (const why of ['missing', 'final', 'refused'] as const) expect(unsavedOutcome(why, false)).to.equal('refused');
    expect(() => noteTurnOutcome('saved')).to.not.throw();
  });
});
