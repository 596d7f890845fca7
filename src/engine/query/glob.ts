/** Wildcard patterns (`*`, `?`, `\` escapes) as anchored regular expressions. */
export function globToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\' && i + 1 < pattern.length) {
      re += escape(pattern[++i]!);
    } else if (ch === '*') re += '[\\s\\S]*';
    else if (ch === '?') re += '[\\s\\S]';
    else re += escape(ch);
  }
  return new RegExp(`^${re}$`, caseInsensitive ? 'iu' : 'u');
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
