/**
 * Where a text stops being JSON and what was expected there, for a message that says what to
 * write. JSON.parse's own message gives no line or column (Node 20 gives a position only
 * sometimes), so invalid text is scanned once more by this small strict recogniser.
 */
export interface JsonSyntaxError {
  /** UTF-16 offset of the first character that cannot be JSON. */
  readonly offset: number;
  readonly expected: string;
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (expected: string, at = i): never => {
    throw { offset: at, expected } satisfies JsonSyntaxError;
  };
  const space = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
    if (text.startsWith('//', i) || text.startsWith('/*', i)) fail('comments are not allowed in JSON: remove the comment');
  };
  const string = (what: string): void => {
    if (text[i] !== '"') fail(what);
    for (i++; i < text.length; i++) {
      const c = text[i]!;
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = text[++i];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
        else if (e === undefined || !'"\\/bfnrt'.includes(e)) fail('an escape such as \\" or \\\\ or \\n after the backslash');
      } else if (c < ' ') fail('no line break or control character inside a string: end the string with "');
    }
    fail('a closing " to end the string');
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{')
      return members('}', () => {
        string(`a property name in double quotes`);
        space();
        if (text[i] !== ':') fail("':' after the property name");
        i++;
        value();
      });
    if (c === '[') return members(']', value);
    if (c === '"') return string('a value');
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal)
      fail(
        c === undefined
          ? 'a value, but the text ends here'
          : c === "'"
            ? 'double quotes instead of single quotes'
            : 'a value: a string in double quotes, a number, true, false, null, an object or an array',
      );
    i += literal![0].length;
  };
  const members = (close: '}' | ']', member: () => void): void => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      member();
      space();
      if (text[i] === close) return void i++;
      if (text[i] !== ',')
        fail(text[i] === undefined ? `'${close}': the text ends before it` : `',' or '${close}' after the ${close === '}' ? 'property value' : 'array item'}`);
      const comma = i++;
      space();
      if (text[i] === close) fail(`no comma after the last ${close === '}' ? 'property' : 'array item'}: remove it`, comma);
    }
  };
  try {
    value();
    space();
    if (i < text.length) fail('nothing after the end of the JSON value');
    return undefined;
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'expected' in error) return error as JsonSyntaxError;
    throw error;
  }
}
