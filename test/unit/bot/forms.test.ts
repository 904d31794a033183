import { expect } from 'chai';
import { z } from 'zod';
import { blank, echoValues, offeredPeople, parseForm, submittedSource, tooLongMessage, type FormSpec } from '../../../bot/change/forms.js';

type F = 'name' | 'size';
const SPEC: FormSpec<F> = {
  fields: ['name', 'size'],
  echoLimit: { name: 5, size: 2 },
  fieldOf: ([head]) => (head === 'size' ? 'size' : 'name'),
  friendly: { size: 'Choose a size.' },
  maxLength: { name: { label: 'name', max: 5 } },
};
const schema = z.object({ name: z.string().min(1, 'Name is required.').max(5, 'Name is too long.'), size: z.enum(['S', 'M']) });

describe('The shared form mechanics', () => {
  it('echoes each field clipped to its limit, and non-text as empty', () => {
    expect(echoValues(SPEC, { name: 'abcdefgh', size: 42 })).to.deep.equal({ name: 'abcde', size: '' });
    expect(echoValues(SPEC, null)).to.deep.equal({ name: '', size: '' });
  });

  it('reads blank text as absent', () => {
    expect([blank('  '), blank(''), blank(' x '), blank(3)]).to.deep.equal([undefined, undefined, ' x ', 3]);
  });

  it('gives one message per field, all at once: the form’s plainer words, except for length and custom rules', () => {
    const r = parseForm(SPEC, schema, {}, { name: '', size: 'XL' });
    expect(!r.ok && r.errors).to.deep.equal({ name: 'Name is required.', size: 'Choose a size.' });
  });

  it('names an over-long value’s length, and lets the form add its own checks', () => {
    const r = parseForm(SPEC, schema, { name: 'abcdefghij' }, { name: 'abcdefghij', size: 'S' }, (errors) => {
      errors.size = 'Sizes are sold out.';
    });
    expect(!r.ok && r.errors).to.deep.equal({ name: tooLongMessage('name', 10, 5), size: 'Sizes are sold out.' });
    expect(tooLongMessage('description', 5000, 2000)).to.equal(
      'The description is 5,000 characters; the limit is 2,000. The first 2,000 are kept below: shorten it and submit again.',
    );
  });

  it('returns the typed draft when all is well', () => {
    expect(parseForm(SPEC, schema, {}, { name: 'Sam', size: 'M' })).to.deep.equal({ ok: true, draft: { name: 'Sam', size: 'M' } });
  });

  it('keeps the people offered and an https source link a form carried; anything else is dropped', () => {
    expect(offeredPeople({ people: [{ id: 'a', name: 'Sam' }] })).to.deep.equal([{ id: 'a', name: 'Sam' }]);
    expect(offeredPeople({ people: 'everyone' })).to.deep.equal([]);
    expect(submittedSource({ sourceUrl: 'https://teams.microsoft.com/l/message/1', sourceLabel: 'A message' })).to.deep.equal({
      url: 'https://teams.microsoft.com/l/message/1',
      label: 'A message',
    });
    expect(submittedSource({ sourceUrl: 'http://example.com', sourceLabel: 'x' })).to.equal(undefined);
    expect(submittedSource({ sourceUrl: '' })).to.equal(undefined);
  });
});
