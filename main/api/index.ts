/** main/api's public face: what Electron main, the HTTP host, the CLI and later issues import. */
export { createApi, type ApiContext, type PlenoCoreApi } from './create-api.ts';
export { callMethod, isMethodName, issuesOf } from './call-method.ts';
export { createEventBus, type EventBus, type EventBusOptions, type AnyEventListener } from './events.ts';
export type { Access, Api, Caller, Face, Handler, Handlers, ParsedInput } from './types.ts';
