import { createInterface } from 'node:readline';

interface LineSource {
  next(): Promise<string | null>;
}

let piped: LineSource | undefined;

/**
 * One reader for the whole process when stdin is a pipe: a readline interface
 * buffers everything it has read, so a second interface would never see the
 * lines after the first one.
 */
function pipedLines(): LineSource {
  if (piped) return piped;
  const rl = createInterface({ input: process.stdin, terminal: false });
  const lines: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  let ended = false;
  rl.on('line', (line) => {
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  rl.on('close', () => {
    ended = true;
    for (const w of waiting.splice(0)) w(null);
  });
  piped = {
    next: () =>
      new Promise((resolve) => {
        const line = lines.shift();
        if (line !== undefined) resolve(line);
        else if (ended) resolve(null);
        else waiting.push(resolve);
      }),
  };
  return piped;
}

function askOnTerminal(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Replace echoed characters so the password never shows on screen.
    const out = rl as unknown as { _writeToOutput: (s: string) => void };
    let asked = false;
    out._writeToOutput = (s: string) => {
      if (!asked) {
        process.stdout.write(s);
        asked = true;
      } else if (s.includes('\n') || s.includes('\r')) process.stdout.write('\n');
    };
    rl.question(question, (answer) => {
      rl.close();
      resolve(answer);
    });
  });
}

/** Asks for a secret on the terminal without echoing it; reads the next line when stdin is a pipe. */
export async function promptSecret(question: string): Promise<string> {
  if (process.stdin.isTTY) return askOnTerminal(question);
  process.stdout.write(question);
  const line = await pipedLines().next();
  process.stdout.write('\n');
  if (line === null) throw new Error('标准输入已结束，缺少密码 / standard input ended before every password was given');
  return line;
}
