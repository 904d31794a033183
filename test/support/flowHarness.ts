// The bot harness (botHarness.ts) on Table Storage in memory (memoryTables.ts) instead of Azurite:
// the real bot, pipeline, rules, cards and store, in this process, at unit-test speed. The queue the
// runtime creates at start-up is the small in-memory one, reached over loopback.
import { BotHarness, type Sender } from './botHarness.js';
import type { MemoryStorage } from './memoryTables.js';

export type FlowHarness = BotHarness & { storage: MemoryStorage };

export async function startFlows(
  options: Omit<Parameters<typeof BotHarness.start>[0] & object, 'memory' | 'storageProcess'> = {},
): Promise<FlowHarness> {
  return (await BotHarness.start({ ...options, memory: true })) as FlowHarness;
}

export type { Sender };
