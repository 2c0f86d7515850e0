import { describe, expect, it } from 'vitest';
import { fitSoftmax, foldsOf, softmaxScores } from './fit.js';

describe('fitSoftmax', () => {
  const rows = [
    [0, 0],
    [0, 1],
    [5, 0],
    [5, 1],
    [0, 5],
    [1, 5],
  ];
  const labels = [0, 0, 1, 1, 2, 2];
  const options = { l2: 0.1, iterations: 500, learningRate: 0.5 };
  const predict = (row: number[], model = fitSoftmax(['x', 'y'], rows, labels, 3, options)) => {
    const scores = softmaxScores(model, row);
    return scores.indexOf(Math.max(...scores));
  };

  it('learns classes that its inputs separate', () => {
    expect(rows.map((row) => predict(row))).toEqual(labels);
    expect(predict([6, 0.5])).toBe(1);
    expect(predict([0.5, 6])).toBe(2);
  });

  it('gives the same model for the same samples, so a committed model can be reproduced', () => {
    expect(fitSoftmax(['x', 'y'], rows, labels, 3, options)).toEqual(fitSoftmax(['x', 'y'], rows, labels, 3, options));
  });

  it('keeps an input that never varies from dividing by zero', () => {
    const model = fitSoftmax(
      ['x', 'constant'],
      rows.map(([x]) => [x!, 7]),
      labels,
      3,
      options,
    );
    expect(model.scale[1]).toBe(1);
    expect(softmaxScores(model, [5, 7]).every(Number.isFinite)).toBe(true);
  });
});

describe('foldsOf', () => {
  it('puts every group in exactly one fold', () => {
    const folds = foldsOf(['b', 'a', 'c', 'a', 'd', 'e', 'f', 'g']);
    expect(folds.flatMap((fold) => [...fold]).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });
});
