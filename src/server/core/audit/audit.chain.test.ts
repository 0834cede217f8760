import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ChainedFields, chainHash, chainHashOfColumns } from './audit.chain.js';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const maybe = fc.option(text, { nil: null });

describe('the chain hash of a stored row', () => {
  it('is the same whether computed from the event or from its columns in order (any text, nulls included)', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        text,
        maybe,
        maybe,
        maybe,
        maybe,
        text,
        maybe,
        maybe,
        text,
        text,
        (seq, at, actorId, actorName, onBehalfOfId, ip, action, targetType, targetId, outcome, details) => {
          const e: ChainedFields = { seq, at, actorId, actorName, onBehalfOfId, ip, action, targetType, targetId, outcome, details };
          const prev = 'f'.repeat(64);
          const columns = [seq, at, actorId, actorName, onBehalfOfId, ip, action, targetType, targetId, outcome, details];
          expect(chainHashOfColumns(prev, columns)).toBe(chainHash(prev, e));
        },
      ),
      { numRuns: 300 },
    );
  });
});
