// The Agents Playground's mock tenant (for test/support/playground.ts): the config file's schema
// and the people and conversations the e2e tests use: a board secretary (the current user), a
// chair and four colleagues, a personal chat, a group chat and one place team.

export interface MockUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}

/** The `.m365agentsplayground.yml` schema (0.1.1). JSON is YAML, so it is written as JSON. */
export interface PlaygroundConfig {
  version: '0.1.1';
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: MockUser;
  /** Exactly five. */
  users: MockUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  /** `id` is also the General channel's conversation id; at most one more channel. */
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}

function user(n: number, given: string, surname: string): MockUser {
  const login = `${given}.${surname}`.toLowerCase().replace(/[^a-z.]/g, '');
  return {
    id: `user-id-${n}`,
    name: `${given} ${surname}`,
    userPrincipleName: `${login}@example.nhs.uk`,
    aadObjectId: `00000000-0000-0000-0000-${String(20 + n).padStart(12, '0')}`,
    givenName: given,
    surname,
    email: `${login}@example.nhs.uk`,
  };
}

/** A board secretary (the current user), a chair, and four colleagues; one place team. */
export const MOCK_TENANT: PlaygroundConfig = {
  version: '0.1.1',
  tenantId: '00000000-0000-0000-0000-000000000001',
  bot: { id: '00000000-0000-0000-0000-000000000011', name: 'Place Partnership bot' },
  currentUser: user(0, 'Sam', 'Patel'), // board secretary, Blackpool place
  users: [
    user(1, 'Helen', 'Price'), // chair
    user(2, 'Imran', 'Shah'),
    user(3, 'Ruth', 'Ellison'),
    user(4, 'Tom', 'Whitfield'),
    user(5, 'Aisha', 'Khan'),
  ],
  personalChat: { id: 'personal-chat-e2e' },
  groupChat: { id: 'group-chat-e2e', name: 'Blackpool action group' },
  team: {
    id: 'team-place-partnerships',
    name: 'Place Partnerships',
    aadGroupId: '00000000-0000-0000-0000-000000000031',
    channels: [{ id: 'channel-blackpool', name: 'Blackpool Partnership' }],
  },
};

export const SECRETARY = MOCK_TENANT.currentUser;
export const CHAIR = MOCK_TENANT.users[0]!;
