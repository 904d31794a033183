// The message actions in the Teams app manifest: what a person sees in a message's "…" menu.
import { mechanicsFor } from '../../../bot/change/mechanics.js';
import { expect } from 'chai';
import { ActionFlow } from '../../../bot/action/actionFlow.js';
import type { BotDeps } from '../../../bot/ports.js';
import { RiskFlow } from '../../../bot/risk/riskFlow.js';
import { renderManifest } from '../../../manifest/build.js';
import { loadPackageSettings } from '../../../manifest/settings.js';
import { MANIFEST_ENV, officialValidator } from './fixtures.js';

const ENV = MANIFEST_ENV;

type Command = { id: string; type: string; title: string; context: string[]; fetchTask: boolean };

describe('Message actions in the app manifest', () => {
  const manifest = renderManifest(loadPackageSettings(ENV)) as {
    manifestVersion: string;
    composeExtensions: { botId: string; commands: Command[] }[];
  };
  const validate = officialValidator(manifest.manifestVersion);
  // The message actions; the search command (type query) is checked in searchExtension.test.ts.
  const commands = manifest.composeExtensions[0]!.commands.filter((c) => c.type === 'action');

  it('the manifest with its message actions passes the official Teams schema', () => {
    expect(validate(manifest), JSON.stringify(validate.errors)).to.equal(true);
  });

  it('offers "Log as action" on messages, as a dialog the bot fills (fetchTask), run by the bot', () => {
    expect(manifest.composeExtensions[0]!.botId).to.equal(ENV.MicrosoftAppId);
    expect(commands.find((c) => c.id === 'logAction')).to.include({ type: 'action', title: 'Log as action', fetchTask: true });
    for (const c of commands) expect(c.context, c.id).to.deep.equal(['message']);
  });

  it('offers "Raise as risk" on messages the same way', () => {
    expect(commands.find((c) => c.id === 'raiseRisk')).to.include({ type: 'action', title: 'Raise as risk', fetchTask: true });
  });

  it('names exactly the commands the bot answers, so each "…" menu entry reaches its form', () => {
    const answered = [
      new ActionFlow({} as BotDeps, mechanicsFor({} as BotDeps)).messageCapture(),
      new RiskFlow({} as BotDeps, mechanicsFor({} as BotDeps)).messageCapture(),
    ].map((c) => c.commandId);
    expect(commands.map((c) => c.id)).to.deep.equal(answered);
  });

  it('the schema check would catch a broken command (a context Teams does not have, an over-long title)', () => {
    for (const broken of [{ context: ['chat'] }, { title: 'Log this message as an action for a place' }, { type: 'menu' }]) {
      const bad = structuredClone(manifest);
      Object.assign(bad.composeExtensions[0]!.commands[0]!, broken);
      expect(validate(bad), JSON.stringify(broken)).to.equal(false);
    }
  });
});
