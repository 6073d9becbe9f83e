// Package apierr is what the APIError and InvalidInputError types of the
// service packages (ivsrealtime, codecatalyst) share: how a service error is
// read out of what the AWS SDK returned, and the one layout of their Error
// texts. Each service package keeps its own exported types; this package
// makes them behave alike.
package apierr
