// Azurite's development storage account, as `npm start`, `npm run digest` and the tests use it.
//
// The key below is NOT a secret: it is the fixed, publicly documented key of Azurite's (and the old
// Storage Emulator's) built-in account `devstoreaccount1`, the same in every Azurite install
// (https://learn.microsoft.com/azure/storage/common/storage-use-azurite#http-connection-strings).
// It only ever opens a local emulator; production uses managed identity (see infra/).
// This is the one place it is written: scripts/start.mjs loads this file through tsx.

export const AZURITE_DEV_ACCOUNT = 'devstoreaccount1';
export const AZURITE_DEV_PUBLIC_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

/**
 * The connection string of the development account with its tables and queues on these ports;
 * on Azurite's default ports, the short form `UseDevelopmentStorage=true` unless `explicit`.
 */
export function azuriteDevConnectionString(
  ports: { table: number | string; queue: number | string; host?: string },
  options: { explicit?: boolean } = {},
): string {
  const host = ports.host ?? '127.0.0.1';
  if (!options.explicit && String(ports.table) === '10002' && String(ports.queue) === '10001') return 'UseDevelopmentStorage=true';
  return (
    [
      'DefaultEndpointsProtocol=http',
      `AccountName=${AZURITE_DEV_ACCOUNT}`,
      `AccountKey=${AZURITE_DEV_PUBLIC_KEY}`,
      `TableEndpoint=http://${host}:${ports.table}/${AZURITE_DEV_ACCOUNT}`,
      `QueueEndpoint=http://${host}:${ports.queue}/${AZURITE_DEV_ACCOUNT}`,
    ].join(';') + ';'
  );
}
