// The search message extension in the app manifest: what a person finds in Teams' compose box.
import { expect } from 'chai';
import { SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../../bot/search/searchFlow.js';
import { renderManifest } from '../../../manifest/build.js';
import { loadPackageSettings } from '../../../manifest/settings.js';
import { MANIFEST_ENV, officialValidator } from './fixtures.js';

type Command = {
  id: string;
  type: string;
  title: string;
  context: string[];
  initialRun?: boolean;
  parameters?: { name: string; title: string; inputType?: string }[];
};

describe('Search message extension in the app manifest', () => {
  const manifest = renderManifest(loadPackageSettings(MANIFEST_ENV)) as {
    manifestVersion: string;
    composeExtensions: { botId: string; commands: Command[] }[];
  };
  const validate = officialValidator(manifest.manifestVersion);
  const search = manifest.composeExtensions[0]!.commands.find((c) => c.type === 'query');

  it('passes the official Teams schema with the search command', () => {
    expect(validate(manifest), JSON.stringify(validate.errors)).to.equal(true);
  });

  it('offers one search command, answered by the bot under the id and parameter it registers', () => {
    expect(manifest.composeExtensions[0]!.commands.filter((c) => c.type === 'query')).to.have.length(1);
    expect(search).to.include({ id: SEARCH_COMMAND_ID, title: 'Find records' });
    expect(search!.parameters!.map((p) => p.name)).to.deep.equal([SEARCH_PARAMETER]);
    expect(search!.parameters![0]).to.include({ inputType: 'text' });
  });

  it('is offered in the compose box and the command box, and waits for typing before it searches', () => {
    expect(search!.context).to.have.members(['compose', 'commandBox']);
    expect(search!.initialRun).to.equal(false);
  });

  it('the schema check would catch a broken search command (no parameters, a title over 32 characters)', () => {
    for (const broken of [{ parameters: [] }, { title: 'Find actions, risks and sign-offs by word' }]) {
      const bad = structuredClone(manifest);
      Object.assign(
        bad.composeExtensions[0]!.commands.find((c) => c.type === 'query')!,
        broken,
      );
      expect(validate(bad), JSON.stringify(broken)).to.equal(false);
    }
  });
});
