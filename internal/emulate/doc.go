// Package emulate holds what the module's two emulators
// (ivsrealtime/ivsrealtimetest and codecatalyst/codecatalysttest) share
// below their wire protocols: choosing the listener, the URL clients dial,
// the injected latency that ends with the request, and the count of
// requests in flight, and the limits both grant as servers (timeouts and
// a cap on connections, see Limits).
//
// The fault counters and request logs stay in each emulator: they differ in
// meaning (IVS adds to a pending ThrottleNext and malforms only successful
// answers, CodeCatalyst replaces the count and malforms any answer) and in
// locking (CodeCatalyst's Store guards its data, faults and log with one
// mutex), which a shared type would have to change.
package emulate
