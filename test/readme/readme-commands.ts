/**
 * The `npx backtestr …` lines of the README's ```sh blocks, as argv arrays, with what the README
 * says next to them: the trailing `# comment` and whether the next line is the `# Ctrl-C …`
 * note (the test interrupts such a command as the reader would).
 */

export interface ReadmeCommand {
  /** The line as written (continuations joined), for test names. */
  text: string;
  /** The words after `npx backtestr`, placeholders such as <RUN_ID> left in. */
  argv: string[];
  /** The `# …` comment at the end of the line, '' when none. */
  comment: string;
  /** The next line of the block is the `# Ctrl-C …` note. */
  interrupted: boolean;
}

/** The ```sh blocks of a Markdown text, each as logical lines (`\` continuations joined). */
export function shellBlocks(markdown: string): string[][] {
  const blocks: string[][] = [];
  for (const m of markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)) {
    blocks.push(
      m[1]!
        .replace(/\\\n\s*/g, '')
        .split('\n')
        .filter(Boolean),
    );
  }
  return blocks;
}

/** The `npx backtestr` commands of one block. */
export function backtestrCommands(block: readonly string[]): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  block.forEach((line, i) => {
    if (!line.startsWith('npx backtestr ')) return;
    const [code, comment] = splitComment(line);
    commands.push({
      text: code.trim(),
      argv: shellWords(code).slice(2),
      comment,
      interrupted: /^# Ctrl-C/.test(block[i + 1] ?? ''),
    });
  });
  return commands;
}

/** Splits `code # comment` at the first `#` outside quotes. */
function splitComment(line: string): [string, string] {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return [line.slice(0, i), line.slice(i + 1).trim()];
    }
  }
  return [line, ''];
}

/** POSIX shell words for the simple lines a README holds: blanks split, quotes group. */
export function shellWords(code: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote: string | null = null;
  for (const c of code) {
    if (quote) {
      if (c === quote) quote = null;
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new Error(`unclosed ${quote} in: ${code}`);
  if (word !== null) words.push(word);
  return words;
}
