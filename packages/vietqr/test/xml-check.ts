/**
 * A small XML well-formedness check for generated documents (no XML parser is installed):
 * balanced tags, quoted attributes, no raw `<` or stray `&` in text.
 */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const token =
    /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE[^>]*>/gi;
  let last = 0;
  for (const m of xml.matchAll(token)) {
    checkText(xml.slice(last, m.index));
    last = m.index + m[0].length;
    if (!m[2]) continue;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}> at ${m.index}`);
    } else if (!selfClosing) {
      stack.push(name!);
    }
  }
  checkText(xml.slice(last));
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(', ')}`);
}

function checkText(text: string): void {
  if (text.includes('<')) throw new Error(`raw < or malformed tag near: ${text.slice(0, 60)}`);
  const amp = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.exec(text);
  if (amp) throw new Error(`stray & near: ${text.slice(amp.index, amp.index + 20)}`);
}
