// The floor: the least this stack can do for a turn. A bare botbuilder CloudAdapter bot (no
// teams-ai, no domain code) that answers every invoke and message with one entity-group
// transaction on the same Table Storage and a small card. bench/floor.ts drives it and the app
// with the same load, alternately, and prints the ratios.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TableClient } from '@azure/data-tables';
import {
  CardFactory,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';

/**
 * `tableName`: the app's own table, so Azurite's per-table costs are the same for both.
 * `entities`: rows in its one transaction (default 2, a record and an audit row). For diagnosis
 * only (BENCH_FLOOR_ENTITIES): 8 is the shape of the app's create (counter, record, audit,
 * history pointer, three index rows, form id), which in-process Azurite prices per entity.
 */
export async function startFloorBot(
  connectionString: string,
  tableName: string,
  entities = 2,
): Promise<{ url: string; stop(): Promise<void> }> {
  const table = TableClient.fromConnectionString(connectionString, tableName, { allowInsecureConnection: true });
  // No app id: no authentication, like the app run locally.
  const adapter = new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({
      MicrosoftAppId: '',
      MicrosoftAppPassword: '',
      MicrosoftAppType: 'MultiTenant',
      MicrosoftAppTenantId: '',
    }),
  );
  let n = 0;
  const card = (text: string) => ({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text, wrap: true }] });

  const logic = async (context: TurnContext) => {
    const i = ++n;
    const at = new Date().toISOString();
    // One entity-group transaction: a record and an audit row in one partition.
    await table.submitTransaction([
      ['create', { partitionKey: 'FLOOR', rowKey: `rec|${process.pid}|${i}`, text: 'floor record', at }],
      ['create', { partitionKey: 'FLOOR', rowKey: `aud|${at}|${process.pid}|${i}`, text: 'floor audit' }],
      ...Array.from({ length: Math.max(0, entities - 2) }, (_, k): ['create', { partitionKey: string; rowKey: string; text: string }] => [
        'create',
        { partitionKey: 'FLOOR', rowKey: `idx|${k}|${process.pid}|${i}`, text: 'floor extra row' },
      ]),
    ]);
    if (context.activity.type === 'invoke') {
      await context.sendActivity({
        type: 'invokeResponse',
        value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card(`Saved ${i}`) } },
      });
    } else if (context.activity.type === 'message') {
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card(`Saved ${i}`))] });
    }
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const request: Request = {
        method: req.method ?? 'POST',
        headers: req.headers as Record<string, string>,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      };
      // The Express-like response botbuilder writes to, kept to be sent once the turn ends.
      const out = { status: 200, body: undefined as unknown };
      const recorded: Response = {
        socket: null,
        status: (code: number) => ((out.status = code), recorded),
        header: () => recorded,
        send: (body?: unknown) => ((out.body = body), recorded),
        end: () => recorded,
      } as unknown as Response;
      adapter.process(request, recorded, logic).then(
        () =>
          res
            .writeHead(out.status, { 'content-type': 'application/json' })
            .end(out.body === undefined ? undefined : JSON.stringify(out.body)),
        () => res.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`,
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
