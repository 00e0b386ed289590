import { describe, expect, it } from 'vitest';
import { DibsimError } from '../../../src/errors.js';
import { yearlySteps } from '../../../src/model/builders.js';

describe('yearlySteps(scenarioStart, startMonth, values)', () => {
  it('starts each step on the first day of startMonth; the step in force at the start begins then', () => {
    expect(
      yearlySteps('2022-02-24', 4, [
        [2021, 1],
        [2022, 2],
        [2023, 3],
      ]),
    ).toEqual({
      steps: [
        { from: '2022-02-24', value: 1 },
        { from: '2022-04-01', value: 2 },
        { from: '2023-04-01', value: 3 },
      ],
    });
    // Several years before the start: only the last of them is in force, so the others are dropped.
    expect(
      yearlySteps('2023-01-01', 10, [
        [2021, 1],
        [2022, 2],
        [2023, 3],
      ]),
    ).toEqual({
      steps: [
        { from: '2023-01-01', value: 2 },
        { from: '2023-10-01', value: 3 },
      ],
    });
    // A step that begins on the start day itself replaces the earlier ones.
    expect(
      yearlySteps('2023-01-01', 1, [
        [2022, 1],
        [2023, 2],
      ]),
    ).toEqual({ steps: [{ from: '2023-01-01', value: 2 }] });
    expect(yearlySteps('2023-01-01', 1, [[2024, 5]])).toEqual({ steps: [{ from: '2024-01-01', value: 5 }] });
  });

  it.each([
    [['2023-01-01', 13, [[2023, 1]]], /startMonth must be a whole number from 1 to 12 \(got 13\)/],
    [['2023-01-01', 0, [[2023, 1]]], /startMonth must be a whole number from 1 to 12 \(got 0\)/],
    [['2023-01-01', 1.5, [[2023, 1]]], /startMonth/],
    [['2023-1-1', 1, [[2023, 1]]], /scenarioStart must be a date YYYY-MM-DD \(got "2023-1-1"\)/],
    [
      [
        '2023-01-01',
        1,
        [
          [2023, 1],
          [2023, 2],
        ],
      ],
      /values\[1\]\[0\] must be a four-digit year after the one before \(got 2023\)/,
    ],
    [
      [
        '2023-01-01',
        1,
        [
          [2024, 1],
          [2023, 2],
        ],
      ],
      /values\[1\]\[0\]/,
    ],
    [['2023-01-01', 1, [[23, 1]]], /values\[0\]\[0\] must be a four-digit year/],
  ] as const)('rejects %j, naming the argument and the fix', (args, message) => {
    const call = () => yearlySteps(...(args as unknown as Parameters<typeof yearlySteps>));
    expect(call).toThrow(DibsimError);
    expect(call).toThrow(message);
  });
});
