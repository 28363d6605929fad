/** One leaf of a MIME message: its headers (lower-case names, folded lines joined) and its still-encoded body. */
export type MimePart = { headers: Record<string, string>; body: string };

function split(raw: string): MimePart {
  const end = raw.indexOf('\r\n\r\n');
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] ??= line.slice(colon + 1).trim();
  }
  return { headers, body: end < 0 ? '' : raw.slice(end + 4) };
}

/** The leaves of a MIME message (text, HTML, attachments), multipart containers opened recursively. */
export function mimeLeaves(raw: string): MimePart[] {
  const part = split(raw);
  const type = part.headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (!/^multipart\//i.test(type) || !boundary) return [part];
  const leaves: MimePart[] = [];
  for (const chunk of part.body.split(`--${boundary}`).slice(1)) {
    if (chunk.startsWith('--')) break;
    leaves.push(...mimeLeaves(chunk.replace(/^\r\n/, '').replace(/\r\n$/, '')));
  }
  return leaves;
}

/** A leaf's body decoded (base64 or quoted-printable). */
export function decodePart(part: MimePart): Buffer {
  const encoding = (part.headers['content-transfer-encoding'] ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const latin1 = part.body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(latin1, 'latin1');
  }
  return Buffer.from(part.body, 'utf8');
}

/** The first leaf whose Content-Type starts with `type`. */
export function findPart(leaves: MimePart[], type: string): MimePart | undefined {
  return leaves.find((p) => (p.headers['content-type'] ?? '').toLowerCase().startsWith(type));
}
