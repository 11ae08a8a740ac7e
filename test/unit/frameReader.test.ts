import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { FrameReader } from '../../server/src/lsp/frameReader';

function frame(message: object, delta = 0): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length + delta}\r\n\r\n`, 'latin1'), body]);
}

/** The messages and warnings a reader gives for `bytes` written in chunks of `size` bytes. */
function read(bytes: Buffer, size: number): { messages: unknown[]; warnings: string[] } {
  const stream = new PassThrough();
  const messages: unknown[] = [];
  const warnings: string[] = [];
  new FrameReader(stream, (w) => warnings.push(w)).listen((m) => messages.push(m));
  // PassThrough emits 'data' synchronously on write once a listener is attached.
  for (let at = 0; at < bytes.length; at += size) stream.write(bytes.subarray(at, at + size));
  return { messages, warnings };
}

const a = { jsonrpc: '2.0', method: 'a', params: { text: 'héllo 🚀 Content-Length: 3' } };
const b = { jsonrpc: '2.0', id: 1, method: 'b' };

test('frames split anywhere, multi-byte text included, are read whole and in order', () => {
  const bytes = Buffer.concat([frame(a), frame(b), frame(a)]);
  for (const size of [1, 2, 3, 7, 64, bytes.length]) assert.deepEqual(read(bytes, size), { messages: [a, b, a], warnings: [] }, `chunks of ${size}`);
});

test('a frame whose Content-Length is too short, and bytes that are no frame, are dropped with a warning; reading resumes', () => {
  const bytes = Buffer.concat([frame(a, -5), frame(b), Buffer.from('oops\r\n'), frame(a), Buffer.from('Content-Length: x\r\n\r\n'), frame(b)]);
  for (const size of [1, 5, bytes.length]) {
    const { messages, warnings } = read(bytes, size);
    assert.deepEqual(messages, [b, a, b], `chunks of ${size}`);
    assert.ok(warnings.length >= 3 && warnings.every((w) => w.startsWith('Dropped ')), warnings.join('\n'));
  }
});
