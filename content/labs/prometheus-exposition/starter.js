export class Registry {
  /** @param {string} name @param {string} help @param {string[]} [labelNames] */
  counter(name, help, labelNames = []) {
    return {
      /** @param {Record<string, string>} [labels] @param {number} [by] */
      inc(labels = {}, by = 1) {},
    };
  }

  /** @param {string} name @param {string} help @param {number[]} buckets @param {string[]} [labelNames] */
  histogram(name, help, buckets, labelNames = []) {
    return {
      /** @param {Record<string, string>} labels @param {number} value */
      observe(labels, value) {},
    };
  }

  /** @returns {string} */
  expose() {
    return '';
  }
}
