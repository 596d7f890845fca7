/**
 * Java's `Double.toString`, which OpenSearch uses to render raw numeric range keys ("100.0-200.0",
 * "*-1.0E7"). Since JDK 19 Java prints the shortest digits that round-trip, as JavaScript does, so only
 * the layout differs: at least one fractional digit, and scientific notation outside [1e-3, 1e7).
 */
export function javaDoubleToString(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const abs = Math.abs(x);
  // toExponential() without an argument yields the shortest round-tripping digits.
  let [mantissa, expText] = abs.toExponential().split('e') as [string, string];
  // Java prints at least two significant digits, and when the shortest is one digit it takes the two-digit
  // decimal closest to the value (JDK 19+ javadoc): Double.MIN_VALUE is 4.9E-324 where JavaScript says 5e-324.
  if (mantissa.length === 1) [mantissa, expText] = abs.toExponential(1).split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/(?<=.)0$/, '');
  const exp = Number(expText);
  if (abs >= 1e-3 && abs < 1e7) {
    if (exp >= 0) {
      const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
      const frac = digits.slice(exp + 1);
      return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
    }
    return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  }
  const frac = digits.slice(1);
  return `${sign}${digits[0]}.${frac === '' ? '0' : frac}E${exp}`;
}
