package paginate

import "errors"

// ErrInvalidInput is what every error that refuses input before any request
// matches with errors.Is, whichever service refused it: the
// InvalidInputError of ivsrealtime and of codecatalyst both do. One check
// serves a program that uses both services:
//
//	if errors.Is(err, paginate.ErrInvalidInput) { ... } // fix the input, do not retry
//
// A cursor that is refused is ErrInvalidCursor instead.
var ErrInvalidInput = errors.New("invalid input")
