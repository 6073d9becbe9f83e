// Package core is the one client core under both service packages
// (ivsrealtime and codecatalyst): what they do the same way is written
// here, once, and tested against both (internal/conformance).
//
// A service package keeps only what differs: its input types and their
// validation against its model, SDK <-> library type conversions, its
// listing parameters and its Follow algorithm. The core holds:
//
//   - the client options both services take (Concurrency, RateLimiter,
//     Logger, DisablePacing) and their checks, and the check of the API
//     itself (nil, a nil SDK client): a problem is reported by every read
//     of the client, Follow included, before any request;
//   - the one call path of every request ([Call]): the SDK call with the
//     per-call options that pace and observe every attempt through one
//     aws.RetryerV2 (internal/throttle), scrub credentials from errors
//     (internal/redact) and add what the service needs (IVS's error text),
//     the *APIError of the service, the refusal of a page token that holds
//     the request's own credential, and the redacted Debug record;
//   - the building of pagers ([Core.Read]): the model's largest page by
//     default, the range checks of the page size, the listing a cursor
//     belongs to, the client's Concurrency as the default of a fan-out read;
//   - Follow's option checks and clock.
package core
