/** Each test gets the candidate's module and returns a JSON value that lab.yaml's `expect` must equal. */

function recorderWith(LatencyRecorder, values) {
  const recorder = new LatencyRecorder();
  for (const ms of values) recorder.record(ms);
  return recorder;
}

/** Calls `fn`; reports whether it threw the error type the prompt names. */
function outcome(fn) {
  try {
    fn();
    return 'accepted';
  } catch (error) {
    return error instanceof RangeError ? 'rejected' : 'wrong error type';
  }
}

export default {
  'nearest rank on ten samples': ({ LatencyRecorder }) => {
    const recorder = recorderWith(LatencyRecorder, [120, 35, 8, 270, 41, 19, 63, 500, 27, 88]);
    return recorder.percentiles([50, 90, 95, 99]);
  },
  'an empty recorder returns null for every percentile': ({ LatencyRecorder }) => {
    return new LatencyRecorder().percentiles([50, 95, 99]);
  },
  'latencies are compared as numbers, not strings': ({ LatencyRecorder }) => {
    const recorder = recorderWith(LatencyRecorder, [9, 100, 25, 1000, 3, 70, 8, 2]);
    return recorder.percentiles([25, 50, 75, 100]);
  },
  'a fractional rank rounds up': ({ LatencyRecorder }) => {
    const recorder = recorderWith(LatencyRecorder, [40, 10, 30, 20]);
    return recorder.percentiles([1, 25, 26, 50, 51, 75, 76, 99]);
  },
  'p0 is the minimum and p100 the maximum': ({ LatencyRecorder }) => {
    const many = recorderWith(LatencyRecorder, [14, 3, 99, 42, 7, 61, 5]);
    const single = recorderWith(LatencyRecorder, [12.5]);
    return [...many.percentiles([0, 100]), ...single.percentiles([0, 50, 99.9, 100])];
  },
  'results follow the order asked for': ({ LatencyRecorder }) => {
    const values = Array.from({ length: 20 }, (_, i) => ((i * 7) % 20) + 1);
    return recorderWith(LatencyRecorder, values).percentiles([99, 50, 99, 10, 0]);
  },
  'duplicates and fractional milliseconds': ({ LatencyRecorder }) => {
    const recorder = recorderWith(LatencyRecorder, [0.25, 12.75, 0.25, 1.5, 0.25]);
    return recorder.percentiles([20, 60, 61, 80, 81]);
  },
  'latencies recorded after a query count in the next one': ({ LatencyRecorder }) => {
    const recorder = recorderWith(LatencyRecorder, [5, 1, 3]);
    const before = recorder.percentiles([50, 100]);
    for (const ms of [100, 200, 300]) recorder.record(ms);
    return [before, recorder.percentiles([50, 100])];
  },
  'rejects invalid latencies and percentiles': ({ LatencyRecorder }) => {
    const recorder = new LatencyRecorder();
    const seen = [
      outcome(() => recorder.record(-1)),
      outcome(() => recorder.record(NaN)),
      outcome(() => recorder.record(Infinity)),
      outcome(() => recorder.percentiles([50, 101])),
      outcome(() => recorder.percentiles([-0.5])),
    ];
    recorder.record(0);
    return [...seen, recorder.percentiles([0, 100])];
  },
  'one million latencies': ({ LatencyRecorder }) => {
    const recorder = new LatencyRecorder();
    // A Lehmer generator: every product stays below 2^53, so JavaScript and Python agree exactly.
    let x = 1;
    for (let i = 0; i < 1_000_000; i++) {
      x = (x * 48271) % 2147483647;
      // Mostly 0-500 ms, with a slow tail on about one request in a hundred.
      const ms = (x % 50000) / 100 + (x % 100 === 7 ? 3000 : 0);
      recorder.record(ms);
    }
    return [recorder.percentiles([50, 90, 99, 99.9, 100]), recorder.percentiles([0, 95])];
  },
};
