import { describe, expect, it } from 'vitest';
import { DIRECTIONS, DOC_TYPES, PRINT_FORMATS, printFormatsFor } from '../../../../shared/outgoing.js';
import { defaultFormat, formatRefusal } from './from-draft.js';

// The client offers the 版式 from the shared rule; the server refuses by its own. They must not drift apart.
describe('the 版式 the client offers (printFormatsFor) are exactly those the server prints', () => {
  for (const docType of DOC_TYPES) {
    for (const direction of DIRECTIONS) {
      it(`${docType}, ${direction}`, () => {
        const offered = printFormatsFor(docType, direction);
        const accepted = PRINT_FORMATS.filter((f) => formatRefusal(docType, f, direction) === null);
        expect([...offered].sort()).toEqual([...accepted].sort());
        // The preselected one is what the server prints without ?format= whenever that default is printable at all.
        if (accepted.includes(defaultFormat(docType))) expect(offered[0]).toBe(defaultFormat(docType));
      });
    }
  }

  it('offers the 信函格式 first for a 函, nothing but 文件格式 for a 请示 and nothing but 纪要格式 for a 纪要', () => {
    expect(printFormatsFor('函', 'parallel')).toEqual(['letter', 'standard']);
    expect(printFormatsFor('请示', 'up')).toEqual(['standard']);
    expect(printFormatsFor('命令', 'down')).toEqual(['standard']);
    expect(printFormatsFor('纪要', 'down')).toEqual(['minutes']);
    expect(printFormatsFor('通知', 'down')).toEqual(['standard', 'letter']);
  });
});
