/**
 * The typed event bus behind the API's push events. The API emits; every face (Electron IPC, the
 * WebSocket host) subscribes and forwards. Payloads are checked against the contract when emitted so a
 * malformed event is caught where it is made, not in a projector screen across the room.
 */
import { events, type EventName, type EventPayload } from '../../shared/api/contract.ts';

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;
export type AnyEventListener = (event: EventName, payload: EventPayload<EventName>) => void;

export type EventBus = {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  on<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  /** Every event, in emission order: what a face forwarding everything subscribes to. */
  onAny(listener: AnyEventListener): () => void;
  listenerCount(): number;
};

export type EventBusOptions = {
  /**
   * Called when a subscriber throws. One broken subscriber (say, a closed socket) must not keep the
   * event from the others, so its error is reported here instead of propagating into the emitter.
   */
  onListenerError?: (error: unknown, event: EventName) => void;
};

export function createEventBus(options: EventBusOptions = {}): EventBus {
  const anyListeners = new Set<AnyEventListener>();
  const reportError =
    options.onListenerError ??
    ((error: unknown, event: EventName) => {
      console.error(`pleno: pendengar peristiwa ${event} gagal:`, error);
    });

  function onAny(listener: AnyEventListener): () => void {
    // Wrap so the same function subscribed twice gets two independent subscriptions.
    const entry: AnyEventListener = (event, payload) => listener(event, payload);
    anyListeners.add(entry);
    return () => {
      anyListeners.delete(entry);
    };
  }

  return {
    emit(event, payload) {
      const checked = events[event].parse(payload) as EventPayload<typeof event>;
      for (const listener of [...anyListeners]) {
        try {
          listener(event, checked);
        } catch (error) {
          reportError(error, event);
        }
      }
    },
    on(event, listener) {
      return onAny((name, payload) => {
        if (name === event) listener(payload as EventPayload<typeof event>);
      });
    },
    onAny,
    listenerCount() {
      return anyListeners.size;
    },
  };
}
