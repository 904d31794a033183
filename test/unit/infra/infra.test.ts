import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { expect } from 'chai';
import hostNodeFlags from '../../../functions/hostNodeFlags.json';
import { SETTINGS } from '../../../functions/settings.js';
import {
  appSettings,
  blockAt,
  compareSettings,
  modules,
  objectProperty,
  outputs,
  params,
  resources,
  stripComments,
  topLevelEntries,
} from './bicep.js';

const ROOT = join(__dirname, '..', '..', '..');
const INFRA = join(ROOT, 'infra');

/**
 * Functions-host settings the template may set although the app's settings schema does not know them.
 * Keep this list explicit and short: every entry must be set by the template and unknown to functions/settings.ts.
 * (On Flex Consumption the runtime and version live in functionAppConfig; FUNCTIONS_EXTENSION_VERSION,
 * FUNCTIONS_WORKER_RUNTIME and WEBSITE_RUN_FROM_PACKAGE are rejected there, so they are not on this list.)
 */
const HOST_SETTINGS = [
  'AzureWebJobsStorage__accountName',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
  'languageWorkers__node__arguments',
] as const;

/** App settings Flex Consumption does not support (or, for WEBSITE_TIME_ZONE, Linux ignores). */
const FLEX_UNSUPPORTED = [
  'FUNCTIONS_EXTENSION_VERSION',
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_WORKER_RUNTIME_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'WEBSITE_NODE_DEFAULT_VERSION',
  'WEBSITE_CONTENTSHARE',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
  'WEBSITE_TIME_ZONE',
  'AzureWebJobsStorage',
];

const ROLE_IDS = {
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
};

function bicepFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? bicepFiles(join(dir, e.name)) : e.name.endsWith('.bicep') ? [join(dir, e.name)] : [],
  );
}

const files = bicepFiles(INFRA);
const read = (f: string) => readFileSync(f, 'utf8');
const main = read(join(INFRA, 'main.bicep'));
const allBicep = files.map(read).join('\n');
const allResources = files.flatMap((f) => resources(read(f)).map((r) => ({ ...r, file: relative(INFRA, f) })));
const resourcesOf = (type: string) => allResources.filter((r) => r.type === type && !r.existing);
const settingsInTemplate = appSettings(main);
/** A Bicep string array variable, e.g. `var tableNames = ['a', 'b']`. */
const stringArrayVar = (name: string) => {
  const m = new RegExp(`^var ${name} = \\[([^\\]]*)\\]`, 'm').exec(stripComments(main));
  return m ? [...m[1]!.matchAll(/'([^']*)'/g)].map((x) => x[1]!) : [];
};

describe('infra: Bicep and the settings schema agree', () => {
  it('finds the template files and its app settings', () => {
    expect(files.map((f) => relative(INFRA, f))).to.include('main.bicep');
    expect(settingsInTemplate.size).to.be.greaterThan(3);
  });

  it('sets every setting functions/settings.ts marks azure: true, and nothing the schema (or the host allow-list) lacks', () => {
    const drift = compareSettings(settingsInTemplate, SETTINGS, HOST_SETTINGS);
    expect(drift.missingFromTemplate, 'required in Azure by functions/settings.ts but not set in infra/main.bicep').to.deep.equal([]);
    expect(
      drift.unknownToSchema,
      'set in infra/main.bicep but unknown to functions/settings.ts (add it there, or to HOST_SETTINGS if the Functions host reads it)',
    ).to.deep.equal([]);
    expect(drift.localOnlySetInAzure, 'azure: false settings may be set in Azure only as Key Vault references').to.deep.equal([]);
  });

  it('the comparison reports drift either way (so the test above can fail)', () => {
    const template = appSettings(`
resource s 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: site
  name: 'appsettings'
  properties: {
    MicrosoftAppId: botAppId
    'STRAY_SETTING': 'x' // not in the schema
    DEMO_DATA: 'true'
    MicrosoftAppPassword: '@Microsoft.KeyVault(VaultName=kv;SecretName=s)'
    AzureWebJobsStorage__accountName: storage.name
  }
}`);
    expect([...template.keys()]).to.deep.equal([
      'MicrosoftAppId',
      'STRAY_SETTING',
      'DEMO_DATA',
      'MicrosoftAppPassword',
      'AzureWebJobsStorage__accountName',
    ]);
    const drift = compareSettings(template, SETTINGS, HOST_SETTINGS);
    expect(drift.missingFromTemplate).to.include.members([
      'STORAGE_ACCOUNT_NAME',
      'MicrosoftAppType',
      'APPLICATIONINSIGHTS_CONNECTION_STRING',
    ]);
    expect(drift.missingFromTemplate).not.to.include('MicrosoftAppId');
    expect(drift.unknownToSchema).to.deep.equal(['STRAY_SETTING']);
    expect(drift.localOnlySetInAzure).to.deep.equal(['DEMO_DATA']);
  });

  it('the host allow-list is explicit: each entry is set by the template and unknown to the schema', () => {
    for (const name of HOST_SETTINGS) {
      expect(settingsInTemplate.has(name), `${name} not set by the template: drop it from HOST_SETTINGS`).to.equal(true);
      expect(name in SETTINGS, `${name} is in functions/settings.ts: drop it from HOST_SETTINGS`).to.equal(false);
    }
  });

  it('sets no app setting Flex Consumption rejects, and no storage connection string', () => {
    expect([...settingsInTemplate.keys()].filter((n) => FLEX_UNSUPPORTED.includes(n))).to.deep.equal([]);
    expect(settingsInTemplate.has('STORAGE_CONNECTION_STRING')).to.equal(false);
    expect(stripComments(allBicep)).not.to.match(/listKeys\(|AccountKey=/);
  });

  it('the bot secret is a Key Vault reference, and the Function App may read it', () => {
    expect(settingsInTemplate.get('MicrosoftAppPassword')).to.match(
      /^'@Microsoft\.KeyVault\((VaultName=[^;]+;SecretName=[^)]+|SecretUri=[^)]+)\)'$/,
    );
    expect(resourcesOf('Microsoft.KeyVault/vaults')).to.have.length(1);
    expect(resourcesOf('Microsoft.KeyVault/vaults')[0]!.body).to.match(/enableRbacAuthorization:\s*true/);
    expect(allBicep).to.contain(ROLE_IDS['Key Vault Secrets User']);
  });

  it('the bot is single tenant: MicrosoftAppType and the Azure Bot agree', () => {
    expect(settingsInTemplate.get('MicrosoftAppType')).to.equal("'SingleTenant'");
    expect(settingsInTemplate.get('MicrosoftAppTenantId')).to.equal('tenant().tenantId');
    const bot = resourcesOf('Microsoft.BotService/botServices')[0];
    expect(bot, 'an Azure Bot resource').to.not.equal(undefined);
    expect(bot!.body)
      .to.match(/msaAppType:\s*'SingleTenant'/)
      .and.to.match(/msaAppTenantId:/)
      .and.to.match(/location:\s*'global'/);
  });
});

describe('infra: resources', () => {
  it('storage: TLS 1.2, no public blob access, no shared key', () => {
    const accounts = resourcesOf('Microsoft.Storage/storageAccounts');
    expect(accounts).to.have.length(1);
    const body = accounts[0]!.body;
    expect(body).to.match(/minimumTlsVersion:\s*'TLS1_2'/);
    expect(body).to.match(/allowBlobPublicAccess:\s*false/);
    expect(body).to.match(/allowSharedKeyAccess:\s*false/);
    expect(body).to.match(/supportsHttpsTrafficOnly:\s*true/);
  });

  it('creates the tables records, places, conversations, digests, packfiles and the queues digest and digest-poison', () => {
    expect(stringArrayVar('tableNames')).to.have.members(['records', 'places', 'conversations', 'digests', 'packfiles']);
    expect(stringArrayVar('queueNames')).to.have.members(['digest', 'digest-poison']);
    const storageModule = modules(main).find((m) => m.path.endsWith('storage.bicep'))!;
    expect(storageModule.params.get('tableNames')).to.equal('tableNames');
    expect(storageModule.params.get('queueNames')).to.equal('queueNames');
    expect(resourcesOf('Microsoft.Storage/storageAccounts/tableServices/tables')[0]!.body).to.match(/name:\s*table\b/);
    expect(resourcesOf('Microsoft.Storage/storageAccounts/queueServices/queues')[0]!.body).to.match(/name:\s*queue\b/);
  });

  it('creates every table and queue the code names in an exported *_TABLE / *_QUEUE constant', () => {
    const sources = ['records', 'bot', 'functions'].flatMap((d) => (existsSync(join(ROOT, d)) ? tsFiles(join(ROOT, d)) : []));
    const named = sources.flatMap((f) =>
      [...read(f).matchAll(/export const \w+_(TABLE|QUEUE)\s*=\s*'([^']+)'/g)].map((m) => ({
        kind: m[1]!,
        name: m[2]!,
        file: relative(ROOT, f),
      })),
    );
    for (const { kind, name, file } of named) {
      expect(stringArrayVar(kind === 'TABLE' ? 'tableNames' : 'queueNames'), `${kind.toLowerCase()} '${name}' from ${file}`).to.include(
        name,
      );
    }
  });

  it('Function App: Flex Consumption, Linux, Node 22 (24 allowed), system-assigned identity, identity-based host storage', () => {
    const plan = resourcesOf('Microsoft.Web/serverfarms')[0]!;
    expect(plan.body)
      .to.match(/name:\s*'FC1'/)
      .and.to.match(/tier:\s*'FlexConsumption'/)
      .and.to.match(/reserved:\s*true/);
    const site = resourcesOf('Microsoft.Web/sites')[0]!;
    expect(site.body).to.match(/kind:\s*'functionapp,linux'/);
    expect(site.body).to.match(/type:\s*'SystemAssigned'/);
    expect(site.body).to.match(/runtime:\s*\{\s*name:\s*'node'\s*version:\s*nodeVersion\s*\}/);
    // Node 20 on Azure Functions reached end of life on 30 April 2026: only 22 and 24 may be chosen.
    expect(stripComments(main)).to.match(/@allowed\(\['22', '24'\]\)\s*param nodeVersion string = '22'/);
    // The app runs in about 140 MB: the smallest Flex instance (512 MB) may be chosen.
    expect(stripComments(main)).to.match(/@allowed\(\[512, 2048, 4096\]\)\s*param instanceMemoryMB int/);
    expect(site.body).to.match(/authentication:\s*\{\s*type:\s*'SystemAssignedIdentity'\s*\}/);
    expect(site.body).to.match(/httpsOnly:\s*true/);
    expect(settingsInTemplate.get('AzureWebJobsStorage__accountName')).to.match(/storage/i);
    expect(settingsInTemplate.get('STORAGE_ACCOUNT_NAME')).to.equal(settingsInTemplate.get('AzureWebJobsStorage__accountName'));
  });

  it("the worker's Node flags are those the local host runs with (functions/hostNodeFlags.json)", () => {
    expect(settingsInTemplate.get('languageWorkers__node__arguments')).to.equal(`'${hostNodeFlags.flags.join(' ')}'`);
  });

  it('role assignments: Table Data Contributor, Queue Data Contributor and Blob Data Owner on the storage account', () => {
    const granted = new Map<string, string[]>(); // scope symbol → role definition ids
    for (const file of files) {
      const text = stripComments(read(file));
      const rolesVar = /^var roles = \{/m.exec(text);
      const roleIds = rolesVar ? topLevelEntries(blockAt(text, rolesVar.index + rolesVar[0].length - 1)) : new Map<string, string>();
      for (const r of resources(text).filter((x) => x.type === 'Microsoft.Authorization/roleAssignments')) {
        expect(r.body, `${relative(INFRA, file)} ${r.symbol}`).to.match(/principalType:\s*'ServicePrincipal'/);
        const scope = topLevelEntries(r.body).get('scope') ?? '(resource group)';
        const definition = topLevelEntries(objectProperty(r.body, 'properties') ?? '').get('roleDefinitionId') ?? '';
        // roles.x directly, or the loop variable of a `[for role in [roles.x, …]]` assignment
        const ids = [...(definition.includes('roles.') ? definition : r.loop).matchAll(/roles\.(\w+)/g)].map(
          (m) => roleIds.get(m[1]!)?.replace(/'/g, '') ?? `unknown roles.${m[1]}`,
        );
        granted.set(scope, [...(granted.get(scope) ?? []), ...new Set(ids)]);
      }
    }
    const onStorage = granted.get('storage') ?? [];
    for (const role of ['Storage Table Data Contributor', 'Storage Queue Data Contributor', 'Storage Blob Data Owner'] as const) {
      expect(onStorage, role).to.include(ROLE_IDS[role]);
    }
    expect(granted.get('keyVault') ?? [], 'Key Vault Secrets User').to.include(ROLE_IDS['Key Vault Secrets User']);
    expect(granted.get('appInsights') ?? [], 'Monitoring Metrics Publisher').to.include(ROLE_IDS['Monitoring Metrics Publisher']);
  });

  it('Application Insights is workspace-based (Log Analytics)', () => {
    expect(resourcesOf('Microsoft.OperationalInsights/workspaces')).to.have.length(1);
    expect(resourcesOf('Microsoft.Insights/components')[0]!.body).to.match(/WorkspaceResourceId:\s*workspace\.id/);
  });

  it('Azure Bot has the Teams channel and the messaging endpoint https://<function app>/api/messages', () => {
    const channel = resourcesOf('Microsoft.BotService/botServices/channels')[0]!;
    expect(channel.body)
      .to.match(/name:\s*'MsTeamsChannel'/)
      .and.to.match(/isEnabled:\s*true/);
    const botModule = modules(main).find((m) => m.path.includes('bot'))!;
    expect(botModule.params.get('endpoint')).to.equal("'https://${functionApp.properties.defaultHostName}/api/messages'");
    expect(botModule.params.get('appId')).to.equal('botAppId');
  });

  it('outputs the function app name, messaging endpoint and bot id', () => {
    expect(outputs(main)).to.include.members(['functionAppName', 'messagingEndpoint', 'botId']);
  });
});

describe('infra: template hygiene (what a compiler would catch first)', () => {
  it('every module file exists, gets all its required params and only params it declares', () => {
    for (const file of files) {
      for (const m of modules(read(file))) {
        const path = join(dirname(file), m.path);
        expect(existsSync(path), `${relative(INFRA, file)}: module ${m.symbol} → ${m.path}`).to.equal(true);
        const declared = params(read(path));
        const required = declared.filter((p) => !p.hasDefault).map((p) => p.name);
        expect(
          required.filter((p) => !m.params.has(p)),
          `${m.symbol}: required params not passed`,
        ).to.deep.equal([]);
        expect(
          [...m.params.keys()].filter((p) => !declared.some((d) => d.name === p)),
          `${m.symbol}: unknown params`,
        ).to.deep.equal([]);
      }
    }
  });

  it('main.parameters.json names only declared params, covers the required ones and holds no secret', () => {
    const file = JSON.parse(read(join(INFRA, 'main.parameters.json'))) as { parameters: Record<string, { value?: unknown }> };
    const declared = params(main);
    const given = Object.keys(file.parameters);
    expect(
      given.filter((g) => !declared.some((d) => d.name === g)),
      'unknown parameters',
    ).to.deep.equal([]);
    expect(
      declared.filter((d) => !d.hasDefault && !given.includes(d.name)).map((d) => d.name),
      'required parameters missing',
    ).to.deep.equal([]);
    const secure = declared.filter((d) => d.secure).map((d) => d.name);
    expect(secure).to.include('botAppPassword');
    expect(
      given.filter((g) => secure.includes(g)),
      'secure parameters belong on the command line or in Key Vault',
    ).to.deep.equal([]);
  });

  it('uses current, non-preview API versions, one per resource type', () => {
    const byType = new Map<string, Set<string>>();
    for (const r of allResources.filter((r) => r.apiVersion)) {
      expect(r.apiVersion, `${r.file} ${r.type}`).not.to.match(/preview/);
      const floor = CURRENT_GA[r.type.split('/').slice(0, 2).join('/')] ?? '2022-04-01';
      expect(r.apiVersion >= floor, `${r.file} ${r.type}@${r.apiVersion} is older than ${floor}`).to.equal(true);
      byType.set(r.type, (byType.get(r.type) ?? new Set()).add(r.apiVersion));
    }
    for (const [type, versions] of byType) expect([...versions], type).to.have.length(1);
  });

  it('every param is used', () => {
    for (const file of files) {
      const text = stripComments(read(file));
      for (const p of params(text)) {
        const uses = text.match(new RegExp(`\\b${p.name}\\b`, 'g'))?.length ?? 0;
        expect(uses, `${relative(INFRA, file)}: param ${p.name} is never used`).to.be.greaterThan(1);
      }
    }
  });

  it('the reader understands nested objects and quoted keys', () => {
    const entries = topLevelEntries(`
  a: 'x: y'
  'b-c': { d: 1
    e: [1, 2] }
  f: g(h, 'i')`);
    expect([...entries.keys()]).to.deep.equal(['a', 'b-c', 'f']);
    expect(entries.get('f')).to.equal("g(h, 'i')");
  });
});

/**
 * The GA API version each resource family is held to (a family's child types follow it). Those with
 * no newer GA version: Insights/components (2020-02-02), roleAssignments (2022-04-01), BotService
 * (2022-09-15). Checked against the Azure resource reference when last raised; raise, never lower.
 */
const CURRENT_GA: Record<string, string> = {
  'Microsoft.Web/sites': '2024-11-01',
  'Microsoft.Web/serverfarms': '2024-11-01',
  'Microsoft.Storage/storageAccounts': '2025-01-01',
  'Microsoft.KeyVault/vaults': '2024-11-01',
  'Microsoft.OperationalInsights/workspaces': '2025-02-01',
  'Microsoft.Insights/components': '2020-02-02',
  'Microsoft.Authorization/roleAssignments': '2022-04-01',
  'Microsoft.BotService/botServices': '2022-09-15',
  'Microsoft.Insights/actionGroups': '2023-01-01',
  'Microsoft.Insights/scheduledQueryRules': '2023-12-01',
  'Microsoft.Insights/metricAlerts': '2018-03-01',
};

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

describe('infra: alerts an operations team acts on', () => {
  const alertsFile = files.find((f) => f.endsWith('alerts.bicep'))!;
  const alerts = read(alertsFile);
  const byName = (type: string) =>
    resources(alerts)
      .filter((r) => r.type === type)
      .map((r) => ({ name: topLevelEntries(r.body).get('name'), body: r.body }));

  it('e-mail to an action group, the address a parameter of the deployment', () => {
    const group = byName('Microsoft.Insights/actionGroups')[0]!;
    expect(group.body)
      .to.match(/emailReceivers:\s*\[/)
      .and.to.match(/emailAddress:\s*alertEmail/);
    expect(params(main).find((p) => p.name === 'alertEmail')).to.deep.include({ hasDefault: false });
    expect(
      modules(main)
        .find((m) => m.path.endsWith('alerts.bicep'))!
        .params.get('alertEmail'),
    ).to.equal('alertEmail');
  });

  it('the four alerts, each sent to the action group', () => {
    const rules = [...byName('Microsoft.Insights/scheduledQueryRules'), ...byName('Microsoft.Insights/metricAlerts')];
    expect(rules.map((r) => r.name)).to.have.members([
      "'digest-not-posted-by-monday-10'",
      "'http-5xx-in-15-minutes'",
      "'digest-poison-queue-not-empty'",
      "'storage-availability-below-99'",
    ]);
    for (const r of rules) expect(r.body, String(r.name)).to.match(/actionGroup(s|Id):\s*\[?actionGroup\.id\]?/);
  });

  it('each alert watches what it says: 5xx over 15 minutes, availability under 99%, the telemetry names the app reports', () => {
    const http = byName('Microsoft.Insights/metricAlerts').find((r) => r.name === "'http-5xx-in-15-minutes'")!.body;
    expect(http)
      .to.match(/metricName:\s*'Http5xx'/)
      .and.to.match(/windowSize:\s*'PT15M'/)
      .and.to.match(/threshold:\s*0\b/);
    const storage = byName('Microsoft.Insights/metricAlerts').find((r) => r.name === "'storage-availability-below-99'")!.body;
    expect(storage)
      .to.match(/metricName:\s*'Availability'/)
      .and.to.match(/operator:\s*'LessThan'/)
      .and.to.match(/threshold:\s*99\b/);
    // The custom metric names must be those functions/telemetry/signals.ts creates.
    const signals = read(join(ROOT, 'functions', 'telemetry', 'signals.ts'));
    for (const metric of ['digest.channels', 'digest.poison_messages']) {
      expect(alerts, metric).to.contain(metric);
      expect(signals, metric).to.contain(`'${metric}'`);
    }
    expect(alerts)
      .to.contain("'Europe/London'")
      .and.to.match(/mondayUk \+ 10h/);
  });
});
