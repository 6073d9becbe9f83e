// Package bounds holds the numeric limits that package paginate and the
// services' client core must agree on: the range of a fan-out read's
// Concurrency and of Prefetch, and the longest page token a cursor holds.
// They are implementation limits, not API: the library's documentation
// states them as numbers where they apply (paginate.Options, the services'
// Options).
package bounds

const (
	// DefaultConcurrency is the number of requests a fan-out read keeps in
	// flight at once when its Concurrency option is 0.
	DefaultConcurrency = 4
	// MaxConcurrency is the largest Concurrency option.
	MaxConcurrency = 64
	// MaxPrefetch is the largest Prefetch option: pages held ahead of the
	// caller, per list.
	MaxPrefetch = 64
	// MaxTokenLen is the longest service page token, in bytes, that a
	// cursor holds (CodeCatalyst's model allows 10,000 characters, IVS's
	// 1,024). paginate refuses a longer PageToken before any request and
	// ends a read whose service returns a longer next token.
	MaxTokenLen = 16 << 10
)
