// Table Storage in memory (../memoryTables.ts): the values it keeps. An entity's typed properties
// read from and written to the wire's JSON (Edm annotations as Azurite returns them), the service's
// errors and messages, and its limits on keys, properties and entity size.
export type Edm = 'Edm.String' | 'Edm.Boolean' | 'Edm.Int32' | 'Edm.Double' | 'Edm.Int64' | 'Edm.DateTime' | 'Edm.Binary' | 'Edm.Guid';
/** A property as stored: its type and its JSON value (Int64 and Binary as strings, as on the wire). */
export interface Prop {
  type: Edm;
  value: string | number | boolean;
}

export interface Entity {
  partitionKey: string;
  rowKey: string;
  props: Map<string, Prop>;
  etag: string;
  /** Azure's form: 7 fractional digits, e.g. 2026-12-07T03:44:17.5188386Z */
  timestamp: string;
}

export class TableError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const MESSAGES: Record<string, string> = {
  TableAlreadyExists: 'The table specified already exists.',
  TableNotFound: 'The table specified does not exist.',
  EntityAlreadyExists: 'The specified entity already exists.',
  ResourceNotFound: 'The specified resource does not exist.',
  UpdateConditionNotSatisfied: 'The update condition specified in the request was not satisfied.',
  PropertyValueTooLarge:
    'The property value exceeds the maximum allowed size (64KB). If the property value is a string, it is UTF-16 encoded and the maximum number of characters should be 32K or less.',
  TooManyProperties:
    'The entity contains more properties than allowed. Each entity can include up to 252 properties to store data. Each entity also has 3 system properties.',
  EntityTooLarge: 'The entity is larger than the maximum allowed size (1MB).',
  RequestBodyTooLarge: 'The request body is too large and exceeds the maximum permissible limit.',
  InvalidDuplicateRow: 'The batch request contains multiple changes with same row key. An entity can appear only once in a batch request.',
  CommandsInBatchActOnDifferentPartitions: 'All commands in a batch must operate on same entity group.',
  InvalidInput: 'An error occurred while processing this request.',
  InvalidXmlDocument: 'XML specified is not syntactically valid.',
};

export const fail = (status: number, code: string, message = MESSAGES[code] ?? code): never => {
  throw new TableError(status, code, message);
};

const MAX_STRING_CHARS = 32 * 1024;
const MAX_CUSTOM_PROPERTIES = 252;
const MAX_ENTITY_BYTES = 1024 * 1024;
export const MAX_BATCH_BYTES = 4 * 1024 * 1024;
export const MAX_BATCH_OPERATIONS = 100;
export const MAX_PAGE = 1000;
const KEY_FORBIDDEN = /[/\\#?\u0000-\u001f\u007f-\u009f]/;

function isInt32(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

/** An entity's JSON body (PartitionKey, RowKey, props, `x@odata.type` annotations) as typed properties. */
export function propsFromJson(body: Record<string, unknown>): Map<string, Prop> {
  const props = new Map<string, Prop>();
  for (const [name, value] of Object.entries(body)) {
    if (name.includes('@odata.') || name.startsWith('odata.') || name === 'PartitionKey' || name === 'RowKey' || name === 'Timestamp')
      continue;
    if (value === null || value === undefined) continue; // a null property is not stored
    const annotated = body[`${name}@odata.type`];
    let type: Edm;
    if (typeof annotated === 'string') type = annotated as Edm;
    else if (typeof value === 'string') type = 'Edm.String';
    else if (typeof value === 'boolean') type = 'Edm.Boolean';
    else if (typeof value === 'number') type = isInt32(value) ? 'Edm.Int32' : 'Edm.Double';
    else fail(400, 'InvalidInput');
    const prop = checkValue(type!, value);
    props.set(name, prop);
  }
  return props;
}

function checkValue(type: Edm, value: unknown): Prop {
  switch (type) {
    case 'Edm.String':
      if (typeof value !== 'string') fail(400, 'InvalidInput');
      if ((value as string).length > MAX_STRING_CHARS) fail(400, 'PropertyValueTooLarge');
      return { type, value: value as string };
    case 'Edm.Boolean':
      if (typeof value !== 'boolean') fail(400, 'InvalidInput');
      return { type, value: value as boolean };
    case 'Edm.Int32':
      if (typeof value !== 'number' || !isInt32(value)) fail(400, 'InvalidInput');
      return { type, value: value as number };
    case 'Edm.Double': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || Number.isNaN(n)) fail(400, 'InvalidInput');
      return { type, value: n as number };
    }
    case 'Edm.Int64':
      if (typeof value !== 'string' || !/^-?\d+$/.test(value)) fail(400, 'InvalidInput');
      return { type, value: value as string };
    case 'Edm.DateTime': {
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) fail(400, 'InvalidInput');
      return { type, value: value as string };
    }
    case 'Edm.Binary': {
      if (typeof value !== 'string') fail(400, 'InvalidInput');
      if (Buffer.from(value as string, 'base64').length > 64 * 1024) fail(400, 'PropertyValueTooLarge');
      return { type, value: value as string };
    }
    case 'Edm.Guid':
      if (typeof value !== 'string') fail(400, 'InvalidInput');
      return { type, value: value as string };
    default:
      return fail(400, 'InvalidInput');
  }
}

export function checkKey(key: unknown): string {
  if (typeof key !== 'string') return fail(400, 'PropertiesNeedValue', 'The values are not specified for all properties in the entity.');
  if (KEY_FORBIDDEN.test(key) || key.length * 2 > 1024) fail(400, 'InvalidInput');
  return key;
}

/** Azure's entity size: 4 + keys (2 bytes a character) + per property 8 + name + value. */
function entitySize(pk: string, rk: string, props: Map<string, Prop>): number {
  let size = 4 + pk.length * 2 + rk.length * 2;
  for (const [name, p] of props) {
    size += 8 + name.length * 2;
    switch (p.type) {
      case 'Edm.String':
        size += (p.value as string).length * 2 + 4;
        break;
      case 'Edm.Binary':
        size += Buffer.from(p.value as string, 'base64').length + 4;
        break;
      case 'Edm.Boolean':
        size += 1;
        break;
      case 'Edm.Int32':
        size += 4;
        break;
      case 'Edm.Guid':
        size += 16;
        break;
      default:
        size += 8;
    }
  }
  return size;
}

export function checkEntity(pk: string, rk: string, props: Map<string, Prop>): void {
  if (props.size > MAX_CUSTOM_PROPERTIES) fail(400, 'TooManyProperties');
  if (entitySize(pk, rk, props) > MAX_ENTITY_BYTES) fail(400, 'EntityTooLarge');
}

/** An entity as the service returns it (minimal metadata, as Azurite writes it). */
export function entityJson(e: Entity, select?: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { 'odata.etag': e.etag };
  const want = (name: string) => !select || select.includes(name);
  if (want('PartitionKey')) out.PartitionKey = e.partitionKey;
  if (want('RowKey')) out.RowKey = e.rowKey;
  for (const [name, p] of e.props) {
    if (!want(name)) continue;
    if (p.type === 'Edm.Int64' || p.type === 'Edm.DateTime' || p.type === 'Edm.Binary' || p.type === 'Edm.Guid')
      out[`${name}@odata.type`] = p.type;
    out[name] = p.value;
  }
  if (want('Timestamp')) out.Timestamp = e.timestamp;
  return out;
}
