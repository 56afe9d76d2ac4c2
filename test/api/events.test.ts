import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEventBus } from '../../main/api/events.ts';

test('event bus delivers typed events to specific and catch-all listeners, and unsubscribes', () => {
  const bus = createEventBus();
  const seen: string[] = [];
  const offData = bus.on('dataChanged', (p) => seen.push(`data:${p.scope}`));
  const offAny = bus.onAny((name) => seen.push(`any:${name}`));
  bus.emit('dataChanged', { scope: 'settings', regionCode: null });
  assert.deepEqual(seen, ['data:settings', 'any:dataChanged']);
  assert.equal(bus.listenerCount(), 2);
  offData();
  offAny();
  offAny();
  bus.emit('dataChanged', { scope: 'x', regionCode: '3506' });
  assert.equal(seen.length, 2);
  assert.equal(bus.listenerCount(), 0);
});

test('a throwing listener does not stop the others and is reported', () => {
  const reported: unknown[] = [];
  const bus = createEventBus({ onListenerError: (e) => reported.push(e) });
  let delivered = 0;
  bus.onAny(() => {
    throw new Error('socket closed');
  });
  bus.onAny(() => delivered++);
  bus.emit('dataChanged', { scope: 'x', regionCode: null });
  assert.equal(delivered, 1);
  assert.equal(reported.length, 1);
});

test('a malformed payload is refused where it is emitted', () => {
  const bus = createEventBus();
  let delivered = 0;
  bus.onAny(() => delivered++);
  assert.throws(() => bus.emit('dataChanged', { scope: 'x', regionCode: 'abc' } as never));
  assert.equal(delivered, 0);
});
