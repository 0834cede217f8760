/** Rights as the server sends them with an object or a list page (`rights`, from the module's policy). */
type Rights = Readonly<Partial<Record<string, boolean>>>;

/**
 * What the signed-in user may do, read from the object or list the server
 * sent: `rights.<right>`. Where an answer does not carry it yet, the page's
 * reading of today's rule stands in; the server enforces that rule on every
 * write either way, so the two must agree.
 */
export function serverRight(from: (object & { rights?: Rights | undefined }) | undefined, right: string, fallback: () => boolean): boolean {
  return from?.rights?.[right] ?? fallback();
}
